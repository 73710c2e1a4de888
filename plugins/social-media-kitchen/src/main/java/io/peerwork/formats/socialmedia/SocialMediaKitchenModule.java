package io.peerwork.formats.socialmedia;

import com.google.inject.AbstractModule;
import io.peerwork.guice.PeerworkModule;

/** Adds the {@link SocialMediaKitchen} to an application wired with Guice, next to {@link PeerworkModule}. */
public final class SocialMediaKitchenModule extends AbstractModule {
  /** A module that adds the format to an application wired with Guice. */
  public SocialMediaKitchenModule() {}

  @Override
  protected void configure() {
    PeerworkModule.bindFormat(binder(), new SocialMediaKitchen());
  }
}
