/**
 * Peerwork's testkit for format authors and embedders: the contract tests a format and a journal
 * must pass, a session simulator and test clocks, on JUnit 5, jqwik and AssertJ. Open, so that the
 * test engines may call the contracts' test methods reflectively. {@code io.peerwork.testkit.internal}
 * is not exported.
 */
open module io.peerwork.testkit {
  requires transitive io.peerwork.core;
  requires transitive org.junit.jupiter.api;
  requires transitive net.jqwik.api;
  requires transitive org.assertj.core;
  requires org.opentest4j;

  exports io.peerwork.testkit;

  uses io.peerwork.core.spi.TopicFormat;
}
