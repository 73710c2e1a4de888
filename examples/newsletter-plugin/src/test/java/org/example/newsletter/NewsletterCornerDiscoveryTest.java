package org.example.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.SessionEngine;
import io.peerwork.guice.PeerworkModule;
import org.junit.jupiter.api.Test;

/** Applications find the Newsletter Corner on the class path and through its Guice module. */
class NewsletterCornerDiscoveryTest {

  @Test
  void serviceLoaderFindsIt() {
    FormatRegistry formats = FormatRegistry.discover(getClass().getClassLoader());
    assertThat(formats.find("newsletter-corner")).get().isInstanceOf(NewsletterCorner.class);
  }

  @Test
  void theGuiceModuleBindsIt() {
    Injector injector = Guice.createInjector(new PeerworkModule(), new NewsletterCornerModule());
    SessionEngine engine = injector.getInstance(SessionEngine.class);
    assertThat(engine.formats().ids()).containsExactly("newsletter-corner");
  }
}
