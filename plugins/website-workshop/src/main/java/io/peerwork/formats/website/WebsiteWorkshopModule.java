package io.peerwork.formats.website;

import com.google.inject.AbstractModule;
import io.peerwork.guice.PeerworkModule;

/** Adds the {@link WebsiteWorkshop} to an application wired with Guice, next to {@link PeerworkModule}. */
public final class WebsiteWorkshopModule extends AbstractModule {
  /** A module that adds the format to an application wired with Guice. */
  public WebsiteWorkshopModule() {}

  @Override
  protected void configure() {
    PeerworkModule.bindFormat(binder(), new WebsiteWorkshop());
  }
}
