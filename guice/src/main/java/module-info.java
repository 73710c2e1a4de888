/**
 * Guice for Peerwork: a module that binds the engine and the formats found (on the class path, the
 * module path, or in a plugins folder). Guice reads this module's provider methods reflectively,
 * hence the {@code opens}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.peerwork.guice {
  requires transitive io.peerwork.core;
  requires transitive com.google.guice;
  // Guice is an automatic module, which cannot name what it needs: jakarta.inject (a named module) is
  // resolved only if some module requires it. This one does, so that applications need no --add-modules.
  requires jakarta.inject;

  exports io.peerwork.guice;
  opens io.peerwork.guice to com.google.guice;

  uses io.peerwork.core.spi.TopicFormat;
}
