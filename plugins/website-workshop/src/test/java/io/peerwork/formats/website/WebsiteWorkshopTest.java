package io.peerwork.formats.website;

import io.peerwork.core.spi.TopicFormat;
import io.peerwork.testkit.TopicFormatContract;

/** The Website Workshop (Website-Werkstatt) keeps the contract of every format. */
class WebsiteWorkshopTest extends TopicFormatContract {
  @Override
  protected TopicFormat format() {
    return new WebsiteWorkshop();
  }
}
