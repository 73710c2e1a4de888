package io.peerwork.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.spi.QueuePolicy;
import io.peerwork.core.spi.TopicFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Guice wiring for Peerwork: topic formats in a {@link MapBinder} keyed by format id, queue
 * policies in a {@link Multibinder}, and a {@link FormatRegistry} and {@link SessionEngine} made
 * from them.
 *
 * <p>A plugin contributes its format with {@link #bindFormat(Binder, TopicFormat)} in its own
 * module; two formats with the same id make the injector fail at start-up, naming both. {@link
 * #discoveredFormats()} binds every format {@link ServiceLoader} finds instead.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new PeerworkModule(), PeerworkModule.discoveredFormats());
 * SessionEngine engine = injector.getInstance(SessionEngine.class);
 * }</pre>
 */
public final class PeerworkModule extends AbstractModule {
  /** A module to install next to one module per topic format (or with formats found by {@code ServiceLoader}). */
  public PeerworkModule() {}

  /** Adds {@code format} to the map of formats under its id. */
  public static void bindFormat(Binder binder, TopicFormat format) {
    MapBinder.newMapBinder(binder, String.class, TopicFormat.class).addBinding(format.id()).toInstance(format);
  }

  /** Adds {@code policy} to the set of queue policies (the built-in ones need no binding). */
  public static void bindQueuePolicy(Binder binder, QueuePolicy policy) {
    Multibinder.newSetBinder(binder, QueuePolicy.class).addBinding().toInstance(policy);
  }

  /** A module that binds every format found by {@link ServiceLoader} on this class's loader. */
  public static Module discoveredFormats() {
    return discoveredFormats(PeerworkModule.class.getClassLoader());
  }

  /** A module that binds every format found by {@link ServiceLoader} through {@code loader}. */
  public static Module discoveredFormats(ClassLoader loader) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        for (TopicFormat f : ServiceLoader.load(TopicFormat.class, loader)) {
          bindFormat(binder(), f);
        }
      }
    };
  }

  /**
   * A module that binds exactly {@code formats}, e.g. those of {@link FormatPlugins#formats()}
   * (the class path's and a plugins folder's).
   */
  public static Module formats(java.util.List<? extends TopicFormat> formats) {
    var copy = java.util.List.copyOf(formats);
    return new AbstractModule() {
      @Override
      protected void configure() {
        for (TopicFormat f : copy) {
          bindFormat(binder(), f);
        }
      }
    };
  }

  @Override
  protected void configure() {
    // Declare both multibindings so that an application with no plugin still starts.
    MapBinder.newMapBinder(binder(), String.class, TopicFormat.class);
    Multibinder.newSetBinder(binder(), QueuePolicy.class);
  }

  @Provides
  @Singleton
  FormatRegistry formatRegistry(Map<String, TopicFormat> formats) {
    var sorted = new ArrayList<>(formats.values());
    sorted.sort(Comparator.comparing(TopicFormat::id));
    return FormatRegistry.of(sorted);
  }

  @Provides
  @Singleton
  SessionEngine sessionEngine(FormatRegistry formats, Set<QueuePolicy> policies) {
    var builder = SessionEngine.builder().formats(formats);
    policies.stream().sorted(Comparator.comparing(QueuePolicy::id)).forEach(builder::queuePolicy);
    return builder.build();
  }
}
