package io.peerwork.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.spi.TopicFormat;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What core's module gives a user on the module path: its API, SPI and series packages, never its internal
 * package (only jdbc's journals may read it), and the {@code uses} that {@link FormatRegistry#discover} needs.
 */
class ModuleDescriptorTest {
  /** Core's compiled descriptor, read where core's classes are (a folder or a jar) as the module system would. */
  private static ModuleDescriptor descriptor() throws URISyntaxException {
    Path where = Path.of(SessionEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return ModuleFinder.of(where).find("io.peerwork.core").orElseThrow().descriptor();
  }

  @Test
  void exportsTheApiSpiAndSeriesButNotInternal() throws URISyntaxException {
    ModuleDescriptor core = descriptor();
    Map<String, Set<String>> exports = core.exports().stream()
        .collect(Collectors.toMap(Exports::source, Exports::targets));

    assertThat(core.name()).isEqualTo("io.peerwork.core");
    assertThat(exports).containsOnlyKeys(
        "io.peerwork.core", "io.peerwork.core.spi", "io.peerwork.core.series", "io.peerwork.core.internal");
    assertThat(exports.get("io.peerwork.core")).isEmpty();
    assertThat(exports.get("io.peerwork.core.spi")).isEmpty();
    assertThat(exports.get("io.peerwork.core.series")).isEmpty();
    assertThat(exports.get("io.peerwork.core.internal")).containsExactly("io.peerwork.jdbc");
    assertThat(core.packages()).contains("io.peerwork.core.internal");
    assertThat(core.opens()).isEmpty();
  }

  @Test
  void readsOnlyTheBaseModuleAndUsesTopicFormats() throws URISyntaxException {
    ModuleDescriptor core = descriptor();

    assertThat(core.requires()).extracting(ModuleDescriptor.Requires::name).containsExactly("java.base");
    assertThat(core.uses()).containsExactly(TopicFormat.class.getName());
  }
}
