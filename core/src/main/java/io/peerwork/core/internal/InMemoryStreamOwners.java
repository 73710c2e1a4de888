package io.peerwork.core.internal;

import io.peerwork.core.AppendResult;
import io.peerwork.core.JournalException;
import io.peerwork.core.StreamOwners;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link StreamOwners} in memory: what the in-memory journals return from {@code owners()}. Each
 * stream's owner is kept under a lock of its own, which {@link #take} holds to raise the epoch and
 * {@link #appendAsOwner} holds for the whole of a fenced append (its check and its store), so a
 * take and a fenced append of one stream happen one after the other, never interleaved: an append
 * under way when a take begins is stored before the take returns, or refused. Different streams do
 * not contend. Thread-safe.
 */
public final class InMemoryStreamOwners implements StreamOwners {

  /** A stream's owner; guarded by itself. */
  private static final class Entry {
    String node;
    long epoch;
  }

  private final Map<Stream, Entry> entries = new ConcurrentHashMap<>();

  @Override
  public long take(Stream stream, String node) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(node, "node");
    Entry e = entries.computeIfAbsent(stream, s -> new Entry());
    synchronized (e) {
      e.node = node;
      return ++e.epoch;
    }
  }

  @Override
  public Optional<Owner> owner(Stream stream) {
    Entry e = entries.get(Objects.requireNonNull(stream, "stream"));
    if (e == null) {
      return Optional.empty();
    }
    synchronized (e) {
      return e.epoch == 0 ? Optional.empty() : Optional.of(new Owner(e.node, e.epoch));
    }
  }

  /**
   * Runs {@code append} (an append to {@code stream}) if the stream's epoch is {@code epoch}, while
   * holding the stream's owner lock, so that no take of the stream happens meanwhile.
   *
   * @throws JournalException.Fenced if the stream was never taken or its epoch is another (then
   *     {@code append} is not run)
   */
  public AppendResult appendAsOwner(Stream stream, long epoch, Supplier<AppendResult> append) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(append, "append");
    Entry e = entries.get(stream);
    if (e == null) {
      throw new JournalException.Fenced(stream, epoch);
    }
    synchronized (e) {
      if (e.epoch != epoch) {
        throw new JournalException.Fenced(stream, epoch);
      }
      return append.get();
    }
  }

  @Override
  public String toString() {
    return "InMemoryStreamOwners[" + entries.size() + " streams]";
  }
}
