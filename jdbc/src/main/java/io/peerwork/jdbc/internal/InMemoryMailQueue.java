package io.peerwork.jdbc.internal;

import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.core.series.SeriesState;
import io.peerwork.jdbc.MailQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link MailQueue#inMemory()}: the table's rows in a map, behind one lock. */
public final class InMemoryMailQueue implements MailQueue {
  private record Row(long id, OutgoingMessage message, Instant createdAt, int attempts, Instant nextAttemptAt,
      Optional<String> lastError, Optional<Instant> sentAt) {}

  private final Map<Long, Row> rows = new LinkedHashMap<>();
  private long nextId = 1;

  @Override
  public synchronized long enqueue(OutgoingMessage message, Instant now) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(now, "now");
    long id = nextId++;
    rows.put(id, new Row(id, message, now, 0, now, Optional.empty(), Optional.empty()));
    return id;
  }

  @Override
  public synchronized List<QueuedMail> claimDue(Instant now, int limit, Instant leaseUntil) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    List<Row> due = rows.values().stream()
        .filter(r -> r.sentAt().isEmpty() && !r.nextAttemptAt().isAfter(now))
        .sorted(Comparator.comparing(Row::nextAttemptAt).thenComparingLong(Row::id))
        .limit(Math.max(0, limit))
        .toList();
    var claimed = new ArrayList<QueuedMail>();
    for (Row r : due) {
      rows.put(r.id(), new Row(r.id(), r.message(), r.createdAt(), r.attempts(), leaseUntil, r.lastError(),
          r.sentAt()));
      claimed.add(new QueuedMail(r.id(), r.message(), r.createdAt(), r.attempts()));
    }
    return claimed;
  }

  @Override
  public synchronized void markSent(long id, Instant at) {
    Objects.requireNonNull(at, "at");
    rows.computeIfPresent(id, (k, r) -> new Row(r.id(), r.message(), r.createdAt(), r.attempts() + 1,
        r.nextAttemptAt(), Optional.empty(), Optional.of(at)));
  }

  @Override
  public synchronized void markFailed(long id, Instant nextAttempt, String error) {
    Objects.requireNonNull(nextAttempt, "nextAttempt");
    Objects.requireNonNull(error, "error");
    rows.computeIfPresent(id, (k, r) -> r.sentAt().isPresent() ? r
        : new Row(r.id(), r.message(), r.createdAt(), r.attempts() + 1, nextAttempt,
            Optional.of(MailTable.shorten(error)), r.sentAt()));
  }

  @Override
  public synchronized long unsent() {
    return rows.values().stream().filter(r -> r.sentAt().isEmpty()).count();
  }

  @Override
  public synchronized int deleteSentBefore(Instant before) {
    Objects.requireNonNull(before, "before");
    int n = rows.size();
    rows.values().removeIf(r -> r.sentAt().isPresent() && r.sentAt().get().isBefore(before));
    return n - rows.size();
  }

  @Override
  public synchronized int forget(String email) {
    String address = SeriesState.normalize(Objects.requireNonNull(email, "email"));
    int n = rows.size();
    rows.values().removeIf(r -> SeriesState.normalize(r.message().to()).equals(address));
    return n - rows.size();
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "InMemoryMailQueue";
  }
}
