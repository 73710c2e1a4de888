package io.peerwork.testkit.broken;

import io.peerwork.core.spi.TopicFormat;
import io.peerwork.testkit.TopicFormatContract;

/**
 * The contract applied to {@link BrokenFormat}. Its name does not end in {@code Test}, so the build
 * does not run it directly; {@code TopicFormatContractTest} runs it and inspects its failures.
 */
public class BrokenFormatContract extends TopicFormatContract {
  @Override
  protected TopicFormat format() {
    return new BrokenFormat();
  }
}
