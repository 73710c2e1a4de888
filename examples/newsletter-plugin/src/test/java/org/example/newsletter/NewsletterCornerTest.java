package org.example.newsletter;

import io.peerwork.core.spi.TopicFormat;
import io.peerwork.testkit.TopicFormatContract;

/** The Newsletter Corner keeps the contract of every format. */
class NewsletterCornerTest extends TopicFormatContract {
  @Override
  protected TopicFormat format() {
    return new NewsletterCorner();
  }
}
