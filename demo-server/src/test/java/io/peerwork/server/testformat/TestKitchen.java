package io.peerwork.server.testformat;

import io.peerwork.core.spi.ResourceTopicFormat;

/** A small format for the server's tests, found through ServiceLoader like a real plugin. */
public final class TestKitchen extends ResourceTopicFormat {
  public TestKitchen() {
    super(TestKitchen.class, "test-kitchen");
  }
}
