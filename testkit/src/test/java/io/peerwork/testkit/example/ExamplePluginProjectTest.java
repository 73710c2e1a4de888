package io.peerwork.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Keeps the outside route of {@code docs/writing-a-plugin.md} true: {@code peerwork-bom} pins every
 * published module in the build's versions, and {@code examples/newsletter-plugin} (which the build
 * runs as an outside project) asks for this version and is the guide's Newsletter Corner.
 */
class ExamplePluginProjectTest {
  private static final Path ROOT = repositoryRoot();
  private static final Set<String> NOT_PUBLISHED = Set.of("peerwork-bench", "peerwork-architecture-tests");

  @Test
  void theBomPinsEveryPublishedModule() throws Exception {
    Set<String> modules = new TreeSet<>();
    collectJarModules(ROOT, modules);
    modules.removeAll(NOT_PUBLISHED);
    Set<String> pinned = new TreeSet<>();
    for (Element dependency : managedDependencies(read(ROOT.resolve("bom/pom.xml")))) {
      if (text(dependency, "groupId").equals("io.peerwork")) {
        pinned.add(text(dependency, "artifactId"));
        assertThat(text(dependency, "version")).isEqualTo("${project.version}");
      }
    }
    assertThat(pinned).isEqualTo(modules);
  }

  @Test
  void theBomAndTheExampleHaveTheBuildsVersions() throws Exception {
    Element parent = read(ROOT.resolve("pom.xml")).getDocumentElement();
    Element bom = read(ROOT.resolve("bom/pom.xml")).getDocumentElement();
    Element example = read(ROOT.resolve("examples/newsletter-plugin/pom.xml")).getDocumentElement();
    assertThat(text(bom, "version")).isEqualTo(text(parent, "version"));
    assertThat(property(example, "peerwork.version")).isEqualTo(text(parent, "version"));
    for (String library : List.of("junit.version", "jqwik.version", "assertj.version")) {
      assertThat(property(bom, library)).as(library).isEqualTo(property(parent, library));
    }
    assertThat(property(bom, "project.build.outputTimestamp"))
        .isEqualTo(property(parent, "project.build.outputTimestamp"));
  }

  /**
   * The testkit's own tests use the Newsletter Corner too (its format and its contract test): those
   * copies stay the example's. The example's Guice module, discovery and replay tests live only there.
   */
  @Test
  void theExampleIsTheGuidesNewsletterCornerInItsOwnPackage() throws IOException {
    Path guide = ROOT.resolve("testkit/src/test");
    Path example = ROOT.resolve("examples/newsletter-plugin/src");
    Path texts = Path.of("newsletter-corner");
    for (String file : List.of("format.properties", "texts_de.properties", "texts_en.properties")) {
      assertThat(example.resolve("main/resources/org/example/newsletter").resolve(texts).resolve(file))
          .hasSameTextualContentAs(
              guide.resolve("resources/io/peerwork/testkit/example").resolve(texts).resolve(file));
    }
    for (String[] pair : List.of(
        new String[] {"main/java/org/example/newsletter/NewsletterCorner.java", "NewsletterCorner.java"},
        new String[] {"test/java/org/example/newsletter/NewsletterCornerTest.java", "NewsletterCornerTest.java"})) {
      String theirs = Files.readString(guide.resolve("java/io/peerwork/testkit/example").resolve(pair[1]))
          .replace("package io.peerwork.testkit.example;", "package org.example.newsletter;");
      assertThat(Files.readString(example.resolve(pair[0]))).as(pair[0]).isEqualTo(theirs);
    }
  }

  private static void collectJarModules(Path dir, Set<String> into) throws Exception {
    Element project = read(dir.resolve("pom.xml")).getDocumentElement();
    String packaging = text(project, "packaging");
    if (packaging.isEmpty() || packaging.equals("jar")) {
      into.add(text(project, "artifactId"));
    }
    for (Element modules : children(project, "modules")) {
      for (Element module : children(modules, "module")) {
        collectJarModules(dir.resolve(module.getTextContent().trim()), into);
      }
    }
  }

  private static List<Element> managedDependencies(Document pom) {
    List<Element> result = new ArrayList<>();
    for (Element management : children(pom.getDocumentElement(), "dependencyManagement")) {
      for (Element dependencies : children(management, "dependencies")) {
        result.addAll(children(dependencies, "dependency"));
      }
    }
    return result;
  }

  private static String property(Element project, String name) {
    return children(project, "properties").stream()
        .flatMap(p -> children(p, name).stream())
        .map(e -> e.getTextContent().trim())
        .findFirst()
        .orElse("");
  }

  private static String text(Element parent, String child) {
    return children(parent, child).stream().map(e -> e.getTextContent().trim()).findFirst().orElse("");
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        result.add(e);
      }
    }
    return result;
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("bom/pom.xml"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a folder above %s with bom/pom.xml", Path.of("").toAbsolutePath()).isNotNull();
    return dir;
  }
}
