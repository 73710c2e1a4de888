package org.example.newsletter;

import com.google.inject.AbstractModule;
import io.peerwork.guice.PeerworkModule;

/** Adds the Newsletter Corner to an application that wires Peerwork with Guice. */
public final class NewsletterCornerModule extends AbstractModule {
  @Override
  protected void configure() {
    PeerworkModule.bindFormat(binder(), new NewsletterCorner());
  }
}
