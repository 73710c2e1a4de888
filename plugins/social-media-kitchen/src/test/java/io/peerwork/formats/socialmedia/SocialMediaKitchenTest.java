package io.peerwork.formats.socialmedia;

import io.peerwork.core.spi.TopicFormat;
import io.peerwork.testkit.TopicFormatContract;

/** The Social Media Kitchen keeps the contract of every format. */
class SocialMediaKitchenTest extends TopicFormatContract {
  @Override
  protected TopicFormat format() {
    return new SocialMediaKitchen();
  }
}
