/**
 * The topic format "Bookkeeping Circle" ({@code bookkeeping-circle}): a {@link io.peerwork.core.spi.TopicFormat}
 * provided as a service. Its texts and agenda lie outside any package ({@code bookkeeping-circle/} beside the
 * class), where core reads them without this module opening anything. The Guice module beside it
 * is optional: it needs {@code io.peerwork.guice} only if an application uses it.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic", "module"})
module io.peerwork.formats.bookkeeping {
  requires transitive io.peerwork.core;
  requires static io.peerwork.guice;
  requires static transitive com.google.guice;

  exports io.peerwork.formats.bookkeeping;

  provides io.peerwork.core.spi.TopicFormat with io.peerwork.formats.bookkeeping.BookkeepingCircle;
}
