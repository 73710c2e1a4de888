package io.peerwork.formats.website;

import io.peerwork.core.spi.ResourceTopicFormat;

/**
 * The Website Workshop (Website-Werkstatt): once a month, self-employed people keep their websites up to date together (updates, backups, legal pages, search engines, offers), with a web expert at hand.
 *
 * <p>Everything but the class is in resource files under {@code website-workshop/}: the structure in {@code
 * format.properties}, the texts in {@code texts_de.properties} (Austrian German) and {@code
 * texts_en.properties}. Found by {@link java.util.ServiceLoader}; for Guice, install {@link
 * WebsiteWorkshopModule}.
 */
public final class WebsiteWorkshop extends ResourceTopicFormat {
  /** The format's id. */
  public static final String ID = "website-workshop";

  /** Reads the format from its resource files. */
  public WebsiteWorkshop() {
    super(WebsiteWorkshop.class, ID);
  }
}
