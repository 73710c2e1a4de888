package io.peerwork.formats.socialmedia;

import io.peerwork.core.spi.ResourceTopicFormat;

/**
 * The Social Media Kitchen: once a month, self-employed people plan, write, design and schedule their posts together, with a social media expert at hand.
 *
 * <p>Everything but the class is in resource files under {@code social-media-kitchen/}: the structure in {@code
 * format.properties}, the texts in {@code texts_de.properties} (Austrian German) and {@code
 * texts_en.properties}. Found by {@link java.util.ServiceLoader}; for Guice, install {@link
 * SocialMediaKitchenModule}.
 */
public final class SocialMediaKitchen extends ResourceTopicFormat {
  /** The format's id. */
  public static final String ID = "social-media-kitchen";

  /** Reads the format from its resource files. */
  public SocialMediaKitchen() {
    super(SocialMediaKitchen.class, ID);
  }
}
