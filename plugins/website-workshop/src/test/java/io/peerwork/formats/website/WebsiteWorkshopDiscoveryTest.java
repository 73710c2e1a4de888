package io.peerwork.formats.website;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.guice.PeerworkModule;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** An application finds the format by ServiceLoader and through its Guice module. */
class WebsiteWorkshopDiscoveryTest {

  @Test
  void serviceLoaderFindsIt() {
    assertThat(ServiceLoader.load(TopicFormat.class))
        .anySatisfy(f -> assertThat(f).isInstanceOf(WebsiteWorkshop.class));
    FormatRegistry registry = FormatRegistry.discover(getClass().getClassLoader());
    assertThat(registry.find(WebsiteWorkshop.ID)).get().isInstanceOf(WebsiteWorkshop.class);
  }

  @Test
  void theGuiceModuleBindsItUnderItsId() {
    Injector injector = Guice.createInjector(new PeerworkModule(), new WebsiteWorkshopModule());
    Map<String, TopicFormat> formats = injector.getInstance(Key.get(new TypeLiteral<Map<String, TopicFormat>>() {}));
    assertThat(formats).containsOnlyKeys(WebsiteWorkshop.ID);
    assertThat(formats.get(WebsiteWorkshop.ID)).isInstanceOf(WebsiteWorkshop.class);
    SessionEngine engine = injector.getInstance(SessionEngine.class);
    assertThat(engine.formats().require(WebsiteWorkshop.ID).name().en()).isEqualTo(new WebsiteWorkshop().name().en());
  }
}
