package io.peerwork.jdbc;

import io.peerwork.core.spi.ResourceTopicFormat;

/** A small format for series tests (one task, {@code inbox}), read from src/test/resources/io/peerwork/jdbc/series-sample/. */
public final class SeriesSampleFormat extends ResourceTopicFormat {
  public SeriesSampleFormat() {
    super(SeriesSampleFormat.class, "series-sample");
  }
}
