package io.peerwork.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Who owns which stream (a session's, a series'), by epoch: the fence behind "one owner per room"
 * on a cluster. A node that loads a stream {@linkplain #take takes} it, which raises the stream's
 * epoch by one; from then on it appends through a {@linkplain EventJournal#fenced fenced} journal
 * that stores an append only while the stream's epoch is still the one it took, checked in the same
 * transaction as the append. A node that was paused or cut off, and whose stream another node took
 * meanwhile, can therefore never append again: its append throws {@link JournalException.Fenced}
 * and stores nothing.
 *
 * <p>Placement (which node should own a stream) is only a hint; this is where correctness comes
 * from. Implementations: in memory ({@link InMemoryEventJournal#owners()}), and the JDBC journals'
 * table of owners, shared by every node of a cluster. Safe to call from several threads.
 */
public interface StreamOwners {

  /**
   * Takes {@code stream} for {@code node}: raises its epoch by one (the first take gives 1) and
   * names {@code node} its owner. Appends fenced by any earlier epoch are refused from the moment
   * this returns; an append under way with an earlier epoch either committed before, or is refused.
   *
   * @return the new epoch
   * @throws JournalException.StorageUnavailable if the owners cannot be written (nothing taken)
   */
  long take(Stream stream, String node);

  /** The stream's owner and epoch, if it was ever taken. */
  Optional<Owner> owner(Stream stream);

  /**
   * A stream: its kind ({@value #SESSION} or {@value #SERIES}) and its id.
   *
   * @param kind what the stream is
   * @param id the session's or series' id
   */
  record Stream(String kind, String id) {
    /** The kind of a session's stream. */
    public static final String SESSION = "session";
    /** The kind of a series' stream. */
    public static final String SERIES = "series";

    /** Checks for nulls and blanks. */
    public Stream {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(id, "id");
      if (kind.isBlank() || id.isBlank()) {
        throw new IllegalArgumentException("a stream needs a kind and an id");
      }
    }

    /** The stream of session {@code id}. */
    public static Stream of(SessionId id) {
      return new Stream(SESSION, id.value());
    }

    /** The stream of series {@code id}. */
    public static Stream of(io.peerwork.core.series.SeriesId id) {
      return new Stream(SERIES, id.value());
    }
  }

  /**
   * Who took a stream last, and at which epoch.
   *
   * @param node the node's id
   * @param epoch the epoch it took (1 or more)
   */
  record Owner(String node, long epoch) {
    /** Checks for nulls and the epoch. */
    public Owner {
      Objects.requireNonNull(node, "node");
      if (epoch < 1) {
        throw new IllegalArgumentException("epochs start at 1");
      }
    }
  }
}
