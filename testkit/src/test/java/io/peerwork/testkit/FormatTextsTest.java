package io.peerwork.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.testkit.example.NewsletterCorner;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatTextsTest {

  @Test
  void listsEveryTextOfAFormatWithWhereItIs() {
    List<FormatTexts.Entry> texts = FormatTexts.of(new NewsletterCorner());
    // name + description, 3 tasks with title, description and 4 + 3 + 3 steps, 3 topics with 2 texts, 2 hints
    assertThat(texts).hasSize(2 + 3 * 2 + 10 + 3 * 2 + 2);
    assertThat(texts).extracting(FormatTexts.Entry::where).startsWith("name", "description",
        "task 'write-issue' title", "task 'write-issue' description", "task 'write-issue' step 1")
        .contains("help topic 'consent' description", "hint for goal_round", "hint for focus_block");
    assertThat(texts).filteredOn(t -> t.where().equals("task 'tidy-list' step 2"))
        .singleElement().satisfies(t -> {
          assertThat(t.text().de()).isEqualTo("Inaktive Leserinnen und Leser ein letztes Mal fragen");
          assertThat(t.text().en()).isEqualTo("Ask inactive readers one last time");
        });
  }
}
