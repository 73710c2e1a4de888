package io.peerwork.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every library is a Java module with the name its users {@code requires}, exports its API and never an
 * {@code internal} package, and each format {@code provides} its {@code TopicFormat}. Read from the
 * compiled descriptors, as the module system reads them; examples/modular runs them on the module path.
 */
class ModuleDescriptorsTest {
  /** The module in which {@code type} was compiled, read where its classes are (a folder or a jar). */
  private static ModuleDescriptor descriptorOf(Class<?> type, String name) throws Exception {
    Path where = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    return ModuleFinder.of(where).find(name)
        .orElseThrow(() -> new AssertionError(where + " holds no module " + name)).descriptor();
  }

  private static Map<String, Set<String>> exports(ModuleDescriptor d) {
    return d.exports().stream().collect(Collectors.toMap(ModuleDescriptor.Exports::source,
        ModuleDescriptor.Exports::targets));
  }

  @Test
  void theLibrariesExportTheirApiAndNoInternalPackage() throws Exception {
    var expected = Map.of(
        "io.peerwork.jackson", List.of(io.peerwork.jackson.PeerworkJackson.class, "io.peerwork.jackson"),
        "io.peerwork.jdbc", List.of(io.peerwork.jdbc.JdbcEventJournal.class, "io.peerwork.jdbc"),
        "io.peerwork.guice", List.of(io.peerwork.guice.PeerworkModule.class, "io.peerwork.guice"),
        "io.peerwork.calendar", List.of(io.peerwork.calendar.CalendarFeeds.class, "io.peerwork.calendar"),
        "io.peerwork.testkit", List.of(io.peerwork.testkit.Simulation.class, "io.peerwork.testkit"));
    for (var e : expected.entrySet()) {
      ModuleDescriptor d = descriptorOf((Class<?>) e.getValue().get(0), e.getKey());
      Map<String, Set<String>> exports = exports(d);
      assertThat(exports).as("%s exports", d.name()).containsOnlyKeys((String) e.getValue().get(1));
      assertThat(exports.values()).as("%s exports to everyone", d.name()).allMatch(Set::isEmpty);
      assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name).as("%s reads core", d.name())
          .contains("io.peerwork.core");
      assertThat(d.isAutomatic()).isFalse();
    }
    assertThat(descriptorOf(io.peerwork.jdbc.JdbcEventJournal.class, "io.peerwork.jdbc").packages())
        .as("jdbc's internal package is in the module, and not exported").contains("io.peerwork.jdbc.internal");
    assertThat(descriptorOf(io.peerwork.testkit.Simulation.class, "io.peerwork.testkit").isOpen())
        .as("the testkit is open, so that test engines call its contracts' methods").isTrue();
  }

  @Test
  void eachFormatProvidesItsTopicFormatAndNeedsGuiceOnlyIfUsed() throws Exception {
    var formats = Map.of(
        "io.peerwork.formats.socialmedia", io.peerwork.formats.socialmedia.SocialMediaKitchen.class,
        "io.peerwork.formats.website", io.peerwork.formats.website.WebsiteWorkshop.class,
        "io.peerwork.formats.bookkeeping", io.peerwork.formats.bookkeeping.BookkeepingCircle.class);
    for (var e : formats.entrySet()) {
      ModuleDescriptor d = descriptorOf(e.getValue(), e.getKey());
      assertThat(d.provides()).as("%s provides", d.name()).singleElement().satisfies(p -> {
        assertThat(p.service()).isEqualTo("io.peerwork.core.spi.TopicFormat");
        assertThat(p.providers()).containsExactly(e.getValue().getName());
      });
      assertThat(d.requires()).filteredOn(r -> r.name().contains("guice"))
          .as("%s reads Guice only if an application uses its Guice module", d.name())
          .allMatch(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC));
      assertThat(d.opens()).as("%s opens nothing: its texts lie outside any package", d.name()).isEmpty();
    }
  }
}
