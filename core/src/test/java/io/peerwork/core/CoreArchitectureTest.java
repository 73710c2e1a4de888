package io.peerwork.core;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Core stays pure: no wall clock, no threads, no randomness, no I/O beyond reading a format's resources,
 * no framework and nothing of Peerwork outside core. Checked on the compiled classes (ArchUnit), so that a
 * call is found however it is written ({@code LocalDate.now()}, a static import, a fully qualified name).
 */
class CoreArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.peerwork.core");
  }

  @Test
  void coreIsImported() {
    // Guards the rules below against passing on nothing (a wrong package or a test-only import).
    assertThat(core.contain(SessionEngine.class)).isTrue();
  }

  @Test
  void dependsOnlyOnTheJdkAndItself() {
    ArchRule rule = classes().that().resideInAPackage("io.peerwork.core..")
        .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "io.peerwork.core..")
            .or(primitiveOrArray()))
        .because("core is the engine: only the JDK (no Vert.x, Netty, Jackson, Guice, JDBC) and no other Peerwork"
            + " module, which all depend on core");
    rule.check(core);
  }

  @Test
  void readsNoClock() {
    ArchRule rule = noClasses().that().resideInAPackage("io.peerwork.core..")
        .should().callMethodWhere(target(name("now")).and(target(owner(resideInAPackage("java.time..")))))
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.InstantSource")
        .because("time comes in with each command (its instant): a session's decisions replay the same");
    rule.check(core);
  }

  @Test
  void startsNoThreads() {
    ArchRule rule = noClasses().that().resideInAPackage("io.peerwork.core..")
        .should().dependOnClassesThat().areAssignableTo(Thread.class)
        .orShould().dependOnClassesThat().areAssignableTo(Executor.class)
        .orShould().dependOnClassesThat().haveSimpleNameContaining("Executor")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.CompletableFuture")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
        .because("the engine decides synchronously; the caller owns threads");
    rule.check(core);
  }

  @Test
  void usesNoRandomness() {
    ArchRule rule = noClasses().that().resideInAPackage("io.peerwork.core..")
        .should().dependOnClassesThat().areAssignableTo(Random.class)
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.SplittableRandom")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.random.RandomGenerator")
        .orShould().callMethod(Math.class, "random")
        .orShould().callMethod(UUID.class, "randomUUID")
        .because("a session's decisions replay the same from its events");
    rule.check(core);
  }

  @Test
  void doesNoIoButReadingResources() {
    ArchRule rule = noClasses().that().resideInAPackage("io.peerwork.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "java.sql..", "javax.sql..", "java.net..", "java.nio.file..", "java.nio.channels..", "java.rmi..",
            "java.net.http..")
        .orShould().dependOnClassesThat(resideInAPackage("java.io").and(simpleNameStartingWith("File")))
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
        .orShould().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().accessField(System.class, "in")
        .orShould().callMethod(System.class, "getenv")
        .orShould().callMethod(System.class, "getenv", String.class)
        .orShould().callMethod(System.class, "exit", int.class)
        .because("core reads a format's resources (Class.getResourceAsStream) and nothing else: storage, network"
            + " and files belong to the modules around it");
    rule.check(core);
  }

  private static DescribedPredicate<JavaClass> primitiveOrArray() {
    return DescribedPredicate.describe("a primitive or an array",
        c -> c.isPrimitive() || c.isArray());
  }
}
