package io.peerwork.core;

import io.peerwork.core.spi.QueueContext;
import io.peerwork.core.spi.QueuePolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The queue policies every engine knows. */
public final class QueuePolicies {
  private QueuePolicies() {}

  /** {@code fcfs}: first come, first served, in the order hands were raised. */
  public static final QueuePolicy FIRST_COME_FIRST_SERVED = new QueuePolicy() {
    @Override
    public String id() {
      return "fcfs";
    }

    @Override
    public LocalizedText name() {
      return LocalizedText.of("Wer zuerst kommt", "First come, first served");
    }

    @Override
    public List<HelpRequest> order(List<HelpRequest> waiting, QueueContext context) {
      return waiting;
    }

    @Override
    public String toString() {
      return "QueuePolicy[fcfs]";
    }
  };

  /**
   * {@code fair}: whoever has received the fewest helps in this session first; among equals, the
   * order hands were raised. Keeps one person with many questions from holding the expert all day.
   */
  public static final QueuePolicy FEWEST_HELPS_FIRST = new QueuePolicy() {
    @Override
    public String id() {
      return "fair";
    }

    @Override
    public LocalizedText name() {
      return LocalizedText.of("Fair: wer noch wenig Hilfe hatte, zuerst", "Fair: fewest helps received first");
    }

    @Override
    public List<HelpRequest> order(List<HelpRequest> waiting, QueueContext context) {
      var sorted = new ArrayList<>(waiting);
      // List.sort is stable, so equal counts keep arrival order.
      sorted.sort(Comparator.comparingInt(r -> context.helpsReceived(r.participant())));
      return sorted;
    }

    @Override
    public String toString() {
      return "QueuePolicy[fair]";
    }
  };

  /** Both built-in policies. */
  public static List<QueuePolicy> builtIn() {
    return List.of(FIRST_COME_FIRST_SERVED, FEWEST_HELPS_FIRST);
  }
}
