package org.example.newsletter;

import io.peerwork.core.spi.ResourceTopicFormat;

/** The Newsletter Corner: a monthly session to write and send the newsletter together. */
public final class NewsletterCorner extends ResourceTopicFormat {
  /** Reads the format from the folder {@code newsletter-corner/} next to this class. */
  public NewsletterCorner() {
    super(NewsletterCorner.class, "newsletter-corner");
  }
}
