package io.peerwork.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.peerwork.core.*;
import io.peerwork.core.spi.Cadence;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.QueueContext;
import io.peerwork.core.spi.QueuePolicy;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerworkModuleTest {

  static TopicFormat format(String id) {
    return new TopicFormat() {
      @Override public String id() { return id; }
      @Override public LocalizedText name() { return LocalizedText.of("Runde " + id, "Circle " + id); }
      @Override public LocalizedText description() { return LocalizedText.of("Test.", "Test."); }
      @Override public Agenda agenda() {
        return Agenda.of(Phase.of(PhaseKind.GOAL_ROUND, 10), Phase.of(PhaseKind.FOCUS_BLOCK, 50));
      }
      @Override public List<RecurringTask> tasks() {
        return List.of(new RecurringTask("inbox", LocalizedText.of("Post", "Mail"), LocalizedText.of("P", "M"),
            Cadence.WEEKLY, List.of(LocalizedText.of("Öffnen", "Open")), List.of("tone")));
      }
      @Override public List<HelpTopic> helpTopics() {
        return List.of(new HelpTopic("tone", LocalizedText.of("Ton", "Tone"), LocalizedText.of("T", "T")));
      }
    };
  }

  static final class Plugin extends AbstractModule {
    private final TopicFormat format;

    Plugin(TopicFormat format) {
      this.format = format;
    }

    @Override
    protected void configure() {
      PeerworkModule.bindFormat(binder(), format);
    }
  }

  @Test
  void pluginsContributeFormatsAndTheEngineKnowsThem() {
    Injector injector = Guice.createInjector(new PeerworkModule(), new Plugin(format("knit-circle")),
        new Plugin(format("art-circle")));
    SessionEngine engine = injector.getInstance(SessionEngine.class);
    assertThat(engine.formats().ids()).containsExactly("art-circle", "knit-circle");
    assertThat(injector.getInstance(FormatRegistry.class)).isSameAs(engine.formats());
  }

  @Test
  void aDuplicateFormatIdFailsAtStartUp() {
    assertThatThrownBy(() -> Guice.createInjector(new PeerworkModule(), new Plugin(format("knit-circle")),
        new Plugin(format("knit-circle"))).getInstance(SessionEngine.class))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("knit-circle");
  }

  @Test
  void anApplicationWithoutPluginsStillStarts() {
    assertThat(Guice.createInjector(new PeerworkModule()).getInstance(SessionEngine.class).formats().ids()).isEmpty();
  }

  @Test
  void queuePoliciesCanBeAdded() {
    QueuePolicy newestFirst = new QueuePolicy() {
      @Override public String id() { return "newest-first"; }
      @Override public LocalizedText name() { return LocalizedText.of("Neueste zuerst", "Newest first"); }
      @Override public List<HelpRequest> order(List<HelpRequest> waiting, QueueContext context) {
        var reversed = new ArrayList<>(waiting);
        java.util.Collections.reverse(reversed);
        return reversed;
      }
    };
    Injector injector = Guice.createInjector(new PeerworkModule(), new AbstractModule() {
      @Override
      protected void configure() {
        PeerworkModule.bindQueuePolicy(binder(), newestFirst);
      }
    });
    assertThat(injector.getInstance(SessionEngine.class).queuePolicy("newest-first")).contains(newestFirst);
    assertThat(injector.getInstance(SessionEngine.class).queuePolicy("fair")).isPresent();
  }
}
