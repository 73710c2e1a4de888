package io.peerwork.core.internal;

import io.peerwork.core.AppendResult;
import io.peerwork.core.CommandId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Append-only streams in memory, one per key: what {@code InMemoryEventJournal} and {@code
 * InMemorySeriesJournal} share. Thread-safe; appends to one stream are serialized, different
 * streams do not contend. Keeps each command id at most once per stream, on the last event of its
 * append.
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
    R record(K key, long version, E event, Optional<CommandId> command);
  }

  /** Makes the recorded form of an event of a stream that keeps no command ids. */
  @FunctionalInterface
  public interface PlainRecorder<K, E, R> {
    /** {@code event} as recorded at {@code version} of the stream of {@code key}. */
    R record(K key, long version, E event);
  }

  /** One stream: its events, and the version at which each command id's events end. */
  private static final class Stream<R> {
    final List<R> events = new ArrayList<>();
    final Map<CommandId, Long> commands = new HashMap<>();
  }

  private final Map<K, Stream<R>> streams = new ConcurrentHashMap<>();
  private final Recorder<K, E, R> recorder;

  /** Empty streams whose events are recorded by {@code recorder}, with their command ids. */
  public InMemoryStreams(Recorder<K, E, R> recorder) {
    this.recorder = Objects.requireNonNull(recorder, "recorder");
  }

  /** Empty streams whose events are recorded by {@code recorder}, which keeps no command ids. */
  public static <K, E, R> InMemoryStreams<K, E, R> plain(PlainRecorder<K, E, R> recorder) {
    Objects.requireNonNull(recorder, "recorder");
    return new InMemoryStreams<>((key, version, event, command) -> recorder.record(key, version, event));
  }

  /** Appends all of {@code events} if the stream of {@code key} is at {@code expectedVersion}, or none. */
  public AppendResult append(K key, long expectedVersion, List<? extends E> events) {
    return append(key, expectedVersion, events, Optional.empty());
  }

  /**
   * Appends all of {@code events} if the stream of {@code key} is at {@code expectedVersion} and
   * does not hold {@code command} yet, or none; the command id goes with the last event.
   */
  public AppendResult append(K key, long expectedVersion, List<? extends E> events, Optional<CommandId> command) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(command, "command");
    Stream<R> stream = streams.computeIfAbsent(key, k -> new Stream<>());
    synchronized (stream) {
      if (command.isPresent()) {
        Long done = stream.commands.get(command.get());
        if (done != null) {
          return new AppendResult.Duplicate(command.get(), done);
        }
      }
      long actual = stream.events.size();
      if (actual != expectedVersion) {
        return new AppendResult.Conflict(expectedVersion, actual);
      }
      var recorded = new ArrayList<R>(events.size());
      long v = actual;
      for (int i = 0; i < events.size(); i++) {
        E e = Objects.requireNonNull(events.get(i), "event");
        recorded.add(recorder.record(key, ++v, e, i == events.size() - 1 ? command : Optional.empty()));
      }
      stream.events.addAll(recorded);
      if (command.isPresent() && !events.isEmpty()) {
        stream.commands.put(command.get(), v);
      }
      return new AppendResult.Appended(v);
    }
  }

  /**
   * Replaces the events of {@code key} with {@code change} applied to them, all at once, keeping
   * versions and command ids (for erasure: see {@code io.peerwork.core.Erasure}).
   *
   * @param eventOf the event of a recorded one
   * @param rerecord a recorded event with another event in it, everything else kept
   * @return how many events changed
   * @throws IllegalArgumentException if {@code change} returns another number or type of events
   */
  public int rewrite(K key, java.util.function.UnaryOperator<List<E>> change, java.util.function.Function<R, E> eventOf,
      java.util.function.BiFunction<R, E, R> rerecord) {
    Stream<R> stream = streams.get(Objects.requireNonNull(key, "key"));
    if (stream == null) {
      return 0;
    }
    synchronized (stream) {
      List<E> before = stream.events.stream().map(eventOf).toList();
      List<E> after = List.copyOf(change.apply(before));
      io.peerwork.core.EventRewriter.checkSameShape(before, after);
      int changed = 0;
      for (int i = 0; i < before.size(); i++) {
        if (!before.get(i).equals(after.get(i))) {
          stream.events.set(i, rerecord.apply(stream.events.get(i), after.get(i)));
          changed++;
        }
      }
      return changed;
    }
  }

  /** The recorded events of {@code key} with a version above {@code afterVersion}, in order. */
  public List<R> read(K key, long afterVersion) {
    Stream<R> stream = streams.get(Objects.requireNonNull(key, "key"));
    if (stream == null) {
      return List.of();
    }
    synchronized (stream) {
      int from = (int) Math.min(Math.max(afterVersion, 0), stream.events.size());
      return List.copyOf(stream.events.subList(from, stream.events.size()));
    }
  }

  /** The number of events of {@code key}, 0 if none. */
  public long version(K key) {
    Stream<R> stream = streams.get(Objects.requireNonNull(key, "key"));
    if (stream == null) {
      return 0;
    }
    synchronized (stream) {
      return stream.events.size();
    }
  }

  /** The keys with at least one event, in no particular order. */
  public List<K> keys() {
    var keys = new ArrayList<K>();
    streams.forEach((key, stream) -> {
      synchronized (stream) {
        if (!stream.events.isEmpty()) {
          keys.add(key);
        }
      }
    });
    return keys;
  }
}
