package io.peerwork.core.internal;

import io.peerwork.core.AppendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Append-only streams in memory, one per key: what {@code InMemoryEventJournal} and {@code
 * InMemorySeriesJournal} share. Thread-safe; appends to one stream are serialized, different
 * streams do not contend.
 *
 * @param <K> the key of a stream (a session id, a series id)
 * @param <E> the events
 * @param <R> an event as recorded, with its key and version
 */
public final class InMemoryStreams<K, E, R> {

  /** Makes the recorded form of an event. */
  @FunctionalInterface
  public interface Recorder<K, E, R> {
    /** {@code event} as recorded at {@code version} of the stream of {@code key}. */
    R record(K key, long version, E event);
  }

  private final Map<K, List<R>> streams = new ConcurrentHashMap<>();
  private final Recorder<K, E, R> recorder;

  /** Empty streams whose events are recorded by {@code recorder}. */
  public InMemoryStreams(Recorder<K, E, R> recorder) {
    this.recorder = Objects.requireNonNull(recorder, "recorder");
  }

  /** Appends all of {@code events} if the stream of {@code key} is at {@code expectedVersion}, or none. */
  public AppendResult append(K key, long expectedVersion, List<? extends E> events) {
    Objects.requireNonNull(events, "events");
    List<R> stream = streams.computeIfAbsent(key, k -> new ArrayList<>());
    synchronized (stream) {
      long actual = stream.size();
      if (actual != expectedVersion) {
        return new AppendResult.Conflict(expectedVersion, actual);
      }
      var recorded = new ArrayList<R>(events.size());
      long v = actual;
      for (E e : events) {
        recorded.add(recorder.record(key, ++v, e));
      }
      stream.addAll(recorded);
      return new AppendResult.Appended(v);
    }
  }

  /** The recorded events of {@code key} with a version above {@code afterVersion}, in order. */
  public List<R> read(K key, long afterVersion) {
    List<R> stream = streams.get(Objects.requireNonNull(key, "key"));
    if (stream == null) {
      return List.of();
    }
    synchronized (stream) {
      int from = (int) Math.min(Math.max(afterVersion, 0), stream.size());
      return List.copyOf(stream.subList(from, stream.size()));
    }
  }

  /** The number of events of {@code key}, 0 if none. */
  public long version(K key) {
    List<R> stream = streams.get(Objects.requireNonNull(key, "key"));
    if (stream == null) {
      return 0;
    }
    synchronized (stream) {
      return stream.size();
    }
  }

  /** The keys with at least one event, in no particular order. */
  public List<K> keys() {
    var keys = new ArrayList<K>();
    streams.forEach((key, stream) -> {
      synchronized (stream) {
        if (!stream.isEmpty()) {
          keys.add(key);
        }
      }
    });
    return keys;
  }
}
