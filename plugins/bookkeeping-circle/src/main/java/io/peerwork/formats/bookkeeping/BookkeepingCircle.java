package io.peerwork.formats.bookkeeping;

import io.peerwork.core.spi.ResourceTopicFormat;

/**
 * The Bookkeeping Circle (Buchhaltungs-Runde): once a month, self-employed people in Austria do their bookkeeping together (receipts, invoices, bank reconciliation, VAT return, SVS and tax prepayments), with a bookkeeping expert at hand.
 *
 * <p>Everything but the class is in resource files under {@code bookkeeping-circle/}: the structure in {@code
 * format.properties}, the texts in {@code texts_de.properties} (Austrian German) and {@code
 * texts_en.properties}. Found by {@link java.util.ServiceLoader}; for Guice, install {@link
 * BookkeepingCircleModule}.
 */
public final class BookkeepingCircle extends ResourceTopicFormat {
  /** The format's id. */
  public static final String ID = "bookkeeping-circle";

  /** Reads the format from its resource files. */
  public BookkeepingCircle() {
    super(BookkeepingCircle.class, ID);
  }
}
