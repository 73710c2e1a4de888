package io.peerwork.formats.bookkeeping;

import com.google.inject.AbstractModule;
import io.peerwork.guice.PeerworkModule;

/** Adds the {@link BookkeepingCircle} to an application wired with Guice, next to {@link PeerworkModule}. */
public final class BookkeepingCircleModule extends AbstractModule {
  /** A module that adds the format to an application wired with Guice. */
  public BookkeepingCircleModule() {}

  @Override
  protected void configure() {
    PeerworkModule.bindFormat(binder(), new BookkeepingCircle());
  }
}
