package org.example.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.FormatRegistry;
import org.junit.jupiter.api.Test;

/** Applications that discover formats on the class path (the demo server, the simulator) find this one. */
class NewsletterCornerDiscoveryTest {

  @Test
  void serviceLoaderFindsIt() {
    FormatRegistry formats = FormatRegistry.discover(getClass().getClassLoader());
    assertThat(formats.find("newsletter-corner")).get().isInstanceOf(NewsletterCorner.class);
  }
}
