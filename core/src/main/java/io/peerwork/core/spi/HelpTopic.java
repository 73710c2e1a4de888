package io.peerwork.core.spi;

import io.peerwork.core.LocalizedText;
import java.util.Objects;

/**
 * Something a participant can ask the expert about, e.g. "scheduling tools".
 *
 * @param id stable id, lower-case words joined by hyphens ({@link Ids#FORM})
 * @param name short name in German and English
 * @param description one or two sentences in German and English
 */
public record HelpTopic(String id, LocalizedText name, LocalizedText description) {
  /** Validates the id. */
  public HelpTopic {
    Ids.requireWellFormed(id, "help topic id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
  }
}
