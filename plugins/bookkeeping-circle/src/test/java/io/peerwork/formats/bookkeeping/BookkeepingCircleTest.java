package io.peerwork.formats.bookkeeping;

import io.peerwork.core.spi.TopicFormat;
import io.peerwork.testkit.TopicFormatContract;

/** The Bookkeeping Circle (Buchhaltungs-Runde) keeps the contract of every format. */
class BookkeepingCircleTest extends TopicFormatContract {
  @Override
  protected TopicFormat format() {
    return new BookkeepingCircle();
  }
}
