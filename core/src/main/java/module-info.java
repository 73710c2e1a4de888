/**
 * Peerwork's engine: the API ({@code io.peerwork.core}), the extension points for format authors
 * ({@code io.peerwork.core.spi}) and series ({@code io.peerwork.core.series}). Only the JDK's base module.
 *
 * <p>{@code io.peerwork.core.internal} is not exported, except to {@code io.peerwork.jdbc}, whose journals build
 * their fenced views with it. Topic formats are found with {@link java.util.ServiceLoader}: a format module
 * {@code provides io.peerwork.core.spi.TopicFormat}, a format jar on the class path lists its class in
 * {@code META-INF/services}.
 */
@SuppressWarnings("module") // io.peerwork.jdbc is not built yet when core is compiled
module io.peerwork.core {
  exports io.peerwork.core;
  exports io.peerwork.core.spi;
  exports io.peerwork.core.series;
  exports io.peerwork.core.internal to io.peerwork.jdbc;

  uses io.peerwork.core.spi.TopicFormat;
}
