package io.peerwork.formats.bookkeeping;

import com.google.inject.AbstractModule;
import io.peerwork.guice.PeerworkModule;

/** Adds the {@link BookkeepingCircle} to an application wired with Guice, next to {@link PeerworkModule}. */
public final class BookkeepingCircleModule extends AbstractModule {
  @Override
  protected void configure() {
    PeerworkModule.bindFormat(binder(), new BookkeepingCircle());
  }
}
