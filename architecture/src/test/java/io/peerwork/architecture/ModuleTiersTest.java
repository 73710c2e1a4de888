package io.peerwork.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The direction of dependencies between Peerwork's modules (docs/architecture.md, "Modules and the direction
 * of dependencies") and the privacy of their {@code internal} packages, checked on every module's compiled
 * main classes.
 */
class ModuleTiersTest {
  /** Each module's root package and the other modules' packages it may use (its own always). */
  private static final Map<String, List<String>> MAY_USE = tiers();

  /**
   * The known uses of another module's {@code internal} package, each narrow: jdbc's journals build their
   * fenced views with core's {@code FencedJournals} (core's module exports that package to jdbc alone); the
   * benchmarks (not published) measure the server's placement, reuse its option parsing and its join limits.
   */
  private static final Map<String, List<String>> INTERNAL_EXCEPTIONS = Map.of(
      "io.peerwork.jdbc", List.of("io.peerwork.core.internal.FencedJournals"),
      "io.peerwork.bench", List.of("io.peerwork.server.internal.Placement", "io.peerwork.server.internal.Cli",
          "io.peerwork.server.internal.JoinLimits"));

  private static JavaClasses peerwork;

  private static Map<String, List<String>> tiers() {
    // Packages in ArchUnit's syntax: "x.." is x and everything under it.
    String core = "io.peerwork.core..";
    var t = new LinkedHashMap<String, List<String>>();
    t.put("io.peerwork.core", List.of());
    t.put("io.peerwork.jackson", List.of(core));
    t.put("io.peerwork.guice", List.of(core));
    t.put("io.peerwork.calendar", List.of(core));
    t.put("io.peerwork.testkit", List.of(core));
    t.put("io.peerwork.jdbc", List.of(core, "io.peerwork.jackson.."));
    // Formats see core's API and SPI only (not its internal package), not each other, and peerwork-guice's
    // PeerworkModule for their optional Guice module (an optional dependency of each format jar).
    for (String format : List.of("socialmedia", "website", "bookkeeping")) {
      t.put("io.peerwork.formats." + format,
          List.of("io.peerwork.core", "io.peerwork.core.spi..", "io.peerwork.core.series..", "io.peerwork.guice"));
    }
    t.put("io.peerwork.simulator",
        List.of(core, "io.peerwork.testkit..", "io.peerwork.guice..", "io.peerwork.formats.."));
    // The server finds formats only through discovery (ServiceLoader): no format package here.
    t.put("io.peerwork.server",
        List.of(core, "io.peerwork.jackson..", "io.peerwork.guice..", "io.peerwork.jdbc..", "io.peerwork.calendar.."));
    t.put("io.peerwork.bench",
        List.of(core, "io.peerwork.server..", "io.peerwork.jdbc..", "io.peerwork.formats.socialmedia.."));
    return t;
  }

  @BeforeAll
  static void importAll() {
    peerwork = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.peerwork");
  }

  @Test
  void everyModuleIsImportedAndKnown() {
    Set<String> modules = peerwork.stream()
        .map(c -> moduleOf(c.getPackageName()))
        .flatMap(Optional::stream)
        .collect(Collectors.toSet());
    // Every module's classes are there (a rule that reads nothing passes on nothing) and none is missing a tier.
    assertThat(modules).containsExactlyInAnyOrderElementsOf(MAY_USE.keySet());
    assertThat(peerwork.stream().filter(c -> moduleOf(c.getPackageName()).isEmpty()).map(c -> c.getName()))
        .as("classes in no known module: add the module to MAY_USE")
        .isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> eachModuleUsesOnlyTheModulesBelowIt() {
    return MAY_USE.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      String module = e.getKey();
      String[] allowed = Stream.concat(Stream.of(module + ".."), e.getValue().stream()).toArray(String[]::new);
      classes().that().resideInAPackage(module + "..")
          .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.peerwork..").or(resideInAnyPackage(allowed)))
          .because("docs/architecture.md: " + module + " may use " + e.getValue())
          .check(peerwork);
    }));
  }

  @Test
  void noModuleUsesAnotherModulesInternalPackages() {
    classes().that().resideInAPackage("io.peerwork..")
        .should(ArchConditions.onlyHaveDependenciesWhere(DescribedPredicate.describe(
            "the target is not another module's internal package", ModuleTiersTest::mayUseInternals)))
        .because("internal packages are implementation details that may change in any release")
        .check(peerwork);
  }

  private static boolean mayUseInternals(Dependency d) {
    String target = d.getTargetClass().getBaseComponentType().getPackageName();
    Optional<String> targetModule = moduleOf(target);
    if (targetModule.isEmpty() || !isInternal(targetModule.get(), target)) {
      return true;
    }
    Optional<String> originModule = moduleOf(d.getOriginClass().getPackageName());
    if (originModule.equals(targetModule)) {
      return true;
    }
    String targetName = d.getTargetClass().getBaseComponentType().getName();
    return originModule.map(o -> INTERNAL_EXCEPTIONS.getOrDefault(o, List.of())).orElse(List.of()).stream()
        .anyMatch(allowed -> targetName.equals(allowed) || targetName.startsWith(allowed + "$"));
  }

  private static boolean isInternal(String module, String pkg) {
    return pkg.equals(module + ".internal") || pkg.startsWith(module + ".internal.");
  }

  /** The module whose root package holds {@code pkg}: the longest root that matches. */
  private static Optional<String> moduleOf(String pkg) {
    return MAY_USE.keySet().stream()
        .filter(root -> pkg.equals(root) || pkg.startsWith(root + "."))
        .max((a, b) -> Integer.compare(a.length(), b.length()));
  }
}
