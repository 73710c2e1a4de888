package io.peerwork.server.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The owners this node has loaded (of rooms, of series): one per key, loaded on first use, unloaded
 * when idle, within a cap. What {@link RoomRegistry} and {@link SeriesRegistry} share, so both
 * follow the same rules:
 *
 * <ul>
 *   <li><b>One owner per key on this node, ever.</b> An owner is loaded only once the one before it
 *       (if one is still unloading) is gone, so two never run side by side and the new one reads
 *       everything the old one wrote. (The database's epochs make the same true across nodes.)
 *   <li><b>No call is lost to eviction.</b> An owner, once evicted (idle, over the cap, handed over),
 *       takes no new call; calls that reach it after that load a new owner, which waits for this one
 *       to be gone. It is unloaded when its last call has been answered. So every call is either
 *       handled by a running owner or never started, none twice. (The series registry before this
 *       class could undeploy an owner with a call queued on it.)
 *   <li><b>Within a cap.</b> At most {@code max} owners: beyond, the evictable owners that would
 *       expire first are unloaded to make space; if none is evictable, the call fails with {@link
 *       Busy}. With {@code keepWhileCalled}, an owner with a call under way is not evictable either:
 *       it would stay in memory until that call is answered, beside the one loaded in its place, so
 *       the cap would not bound memory (series owners, which no connection pins, need this).
 *   <li><b>Idle.</b> An owner expires {@code idle} after its last use, never while {@code pinned}
 *       says so (a room with open connections); {@link #touch} recomputes that after a change.
 * </ul>
 *
 * @param <K> the key (a session id, a series id)
 * @param <H> the loaded owner's handle (a deployment id, the owner verticle)
 */
final class OwnerRegistry<K, H> {
  private final int max;
  private final Predicate<K> pinned;
  private final Function<K, Future<H>> loader;
  private final Function<H, Future<Void>> unloader;
  private final Predicate<H> keepAfterCall;
  private final boolean keepWhileCalled;
  private final Cache<K, Entry> cache;
  /** The newest entry of each key in the cache or still unloading (what the next load waits for). */
  private final Map<K, Entry> newest = new ConcurrentHashMap<>();
  /** Taken while a new owner is admitted, so that the cap holds. */
  private final Object admission = new Object();
  private volatile boolean closing;

  /** Every owner this node may hold is in use: the call is refused, nothing was loaded. */
  static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Busy() {
      super("busy", null, false, false);
    }
  }

  /** The owner could not be loaded (its journal is unreadable or unreachable): {@link #getCause()} says why. */
  static final class LoadFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoadFailed(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /**
   * @param max owners loaded at once
   * @param idle how long an unused owner stays loaded
   * @param pinned keys whose owners never expire now (they are still evicted when handed over)
   * @param loader loads (deploys) the owner of a key
   * @param unloader unloads (undeploys) a loaded owner
   * @param keepAfterCall whether an owner stays loaded once its last call is answered (an owner of
   *     an id that does not exist does not)
   * @param keepWhileCalled whether an owner with a call under way is kept when the cap needs space
   *     (then a call finding every owner busy fails with {@link Busy})
   */
  OwnerRegistry(int max, Duration idle, Predicate<K> pinned, Function<K, Future<H>> loader,
      Function<H, Future<Void>> unloader, Predicate<H> keepAfterCall, boolean keepWhileCalled) {
    this.max = max;
    this.keepWhileCalled = keepWhileCalled;
    this.pinned = Objects.requireNonNull(pinned, "pinned");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.unloader = Objects.requireNonNull(unloader, "unloader");
    this.keepAfterCall = Objects.requireNonNull(keepAfterCall, "keepAfterCall");
    long idleNanos = idle.toNanos();
    this.cache = Caffeine.newBuilder()
        .expireAfter(new Expiry<K, Entry>() {
          @Override
          public long expireAfterCreate(K key, Entry entry, long now) {
            return pinned.test(key) ? Long.MAX_VALUE : idleNanos;
          }

          @Override
          public long expireAfterUpdate(K key, Entry entry, long now, long current) {
            return expireAfterCreate(key, entry, now);
          }

          @Override
          public long expireAfterRead(K key, Entry entry, long now, long current) {
            return expireAfterCreate(key, entry, now);
          }
        })
        .removalListener((K key, Entry entry, RemovalCause cause) -> {
          if (entry != null && !closing) {
            entry.close();
          }
        })
        .build();
  }

  /**
   * Runs {@code f} with the owner of {@code key}, loaded if needed, and counts the call in it until
   * the future {@code f} returns completes. Fails with {@link Busy} if the cap leaves no space, with
   * {@link LoadFailed} if the owner cannot be loaded.
   */
  <T> Future<T> call(K key, Function<H, Future<T>> f) {
    Entry entry;
    try {
      entry = enter(key);
    } catch (Busy e) {
      return Future.failedFuture(e);
    }
    if (entry == null) {
      return Future.failedFuture(new IllegalStateException(key + " kept unloading"));
    }
    return entry.handle
        .transform(ar -> ar.succeeded() ? f.apply(ar.result()) : Future.<T>failedFuture(new LoadFailed(ar.cause())))
        .andThen(ar -> entry.leave());
  }

  /**
   * The entry of {@code key} with this call counted in; null if each one found closed meanwhile. An
   * owner not worth keeping (an unknown id) closes with every last call, so calls that come together
   * may find it closed several times in a row: each try loads a new one.
   */
  private Entry enter(K key) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      Entry entry = cache.getIfPresent(key);
      if (entry == null) {
        entry = admit(key);
      }
      if (entry.enter()) {
        return entry;
      }
      cache.asMap().remove(key, entry); // evicted just now: the next look loads a new owner
    }
    return null;
  }

  private Entry admit(K key) {
    synchronized (admission) {
      Entry entry = cache.getIfPresent(key);
      if (entry != null) {
        return entry;
      }
      if (cache.estimatedSize() >= max) {
        cache.cleanUp();
      }
      if (cache.estimatedSize() >= max) {
        int all = (int) Math.min(Integer.MAX_VALUE, Math.max(1, cache.estimatedSize()));
        var byExpiry = cache.policy().expireVariably().orElseThrow().oldest(all);
        for (var e : byExpiry.entrySet()) {
          if (cache.estimatedSize() < max) {
            break;
          }
          if (!pinned.test(e.getKey()) && !(keepWhileCalled && e.getValue().called())) {
            cache.asMap().remove(e.getKey(), e.getValue()); // unloads once its calls are answered
          }
        }
      }
      if (cache.estimatedSize() >= max) {
        throw new Busy();
      }
      return cache.get(key, this::load);
    }
  }

  /** A new entry for {@code key} (called by the cache, once per load): loads once the one before it is gone. */
  private Entry load(K key) {
    Entry entry = new Entry(key);
    Entry before = newest.put(key, entry);
    Future<Void> previousGone = before == null ? Future.succeededFuture() : before.gone.future();
    entry.handle = previousGone.compose(v -> loader.apply(key));
    entry.handle.onFailure(e -> cache.asMap().remove(key, entry));
    return entry;
  }

  /** Unloads the owner of {@code key} now (once its calls are answered), pinned or not. */
  void drop(K key) {
    Entry entry = cache.getIfPresent(key);
    if (entry != null) {
      cache.asMap().remove(key, entry);
    }
  }

  /** Unloads it if it is not {@code pinned} (an idle room told to go). */
  void dropUnlessPinned(K key) {
    if (!pinned.test(key)) {
      cache.invalidate(key);
    }
  }

  /** Looks at {@code key}'s owner again, so its expiry follows {@code pinned} now. */
  void touch(K key) {
    cache.getIfPresent(key);
  }

  /** The keys whose owners are loaded (and take calls). */
  List<K> keys() {
    return List.copyOf(cache.asMap().keySet());
  }

  /** Owners in memory, also those unloading: what the cap protects. */
  int loaded() {
    return newest.size();
  }

  /** Owners that take calls. */
  long cached() {
    return cache.estimatedSize();
  }

  /** Expires what is due now. */
  void cleanUp() {
    cache.cleanUp();
  }

  /** Stops unloading: the owners go with their Vert.x instance. */
  void close() {
    closing = true;
  }

  /** One loaded owner: its handle, and the calls that have not been answered yet. */
  private final class Entry {
    final K key;
    /** Completes when this owner has been unloaded (or never came to be). */
    final Promise<Void> gone = Promise.promise();
    Future<H> handle;
    private int inFlight;
    private boolean closed;
    private boolean unloaded;

    Entry(K key) {
      this.key = key;
    }

    /** Whether a call is under way (or its owner still loading for one). */
    synchronized boolean called() {
      return inFlight > 0;
    }

    /** Counts a call in; false if the entry is closed (evicted) and takes no more. */
    synchronized boolean enter() {
      if (closed) {
        return false;
      }
      inFlight++;
      return true;
    }

    /** A call was answered: the last one of a closed entry, or of an owner not worth keeping, unloads it. */
    void leave() {
      boolean unload;
      boolean drop = false;
      synchronized (this) {
        inFlight--;
        if (inFlight == 0 && !closed && handle.succeeded() && !keepAfterCall.test(handle.result())) {
          closed = true;
          drop = true;
        }
        unload = inFlight == 0 && closed;
      }
      if (drop) {
        cache.asMap().remove(key, this);
      }
      if (unload) {
        unload();
      }
    }

    /** Evicted: takes no new call, and unloads once the ones under way are answered. */
    void close() {
      boolean unload;
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
        unload = inFlight == 0;
      }
      if (unload) {
        unload();
      }
    }

    private void unload() {
      synchronized (this) {
        if (unloaded) {
          return;
        }
        unloaded = true;
      }
      handle.transform(ar -> ar.succeeded() ? unloader.apply(ar.result()) : Future.<Void>succeededFuture())
          .onComplete(ar -> {
            newest.remove(key, this);
            gone.tryComplete();
          });
    }
  }
}
