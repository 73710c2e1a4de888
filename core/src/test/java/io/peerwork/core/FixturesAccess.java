package io.peerwork.core;

import io.peerwork.core.spi.TopicFormat;

/** Lets tests in sub-packages use the core tests' format. */
public final class FixturesAccess {
  private FixturesAccess() {}

  public static TopicFormat format() {
    return Fixtures.FORMAT;
  }
}
