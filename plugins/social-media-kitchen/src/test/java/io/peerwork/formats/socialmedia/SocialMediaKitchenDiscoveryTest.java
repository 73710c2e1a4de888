package io.peerwork.formats.socialmedia;

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
class SocialMediaKitchenDiscoveryTest {

  @Test
  void serviceLoaderFindsIt() {
    assertThat(ServiceLoader.load(TopicFormat.class))
        .anySatisfy(f -> assertThat(f).isInstanceOf(SocialMediaKitchen.class));
    FormatRegistry registry = FormatRegistry.discover(getClass().getClassLoader());
    assertThat(registry.find(SocialMediaKitchen.ID)).get().isInstanceOf(SocialMediaKitchen.class);
  }

  @Test
  void theGuiceModuleBindsItUnderItsId() {
    Injector injector = Guice.createInjector(new PeerworkModule(), new SocialMediaKitchenModule());
    Map<String, TopicFormat> formats = injector.getInstance(Key.get(new TypeLiteral<Map<String, TopicFormat>>() {}));
    assertThat(formats).containsOnlyKeys(SocialMediaKitchen.ID);
    assertThat(formats.get(SocialMediaKitchen.ID)).isInstanceOf(SocialMediaKitchen.class);
    SessionEngine engine = injector.getInstance(SessionEngine.class);
    assertThat(engine.formats().require(SocialMediaKitchen.ID).name().en()).isEqualTo(new SocialMediaKitchen().name().en());
  }
}
