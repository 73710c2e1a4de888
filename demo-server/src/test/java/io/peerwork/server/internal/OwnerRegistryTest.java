package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The owners registry under calls that come together: an owner not worth keeping (an unknown id)
 * closes with every last call, and calls arriving meanwhile load a new one; none fails, and never
 * do two owners of one key run side by side.
 */
class OwnerRegistryTest {

  @Test
  void callsThatComeTogetherOnAnOwnerNotWorthKeepingAllGetAnAnswer() throws Exception {
    var running = new ConcurrentHashMap<String, AtomicInteger>();
    var overlaps = new AtomicInteger();
    var loads = new AtomicInteger();
    var owners = new OwnerRegistry<String, String>(10, Duration.ofMinutes(1), k -> false,
        k -> {
          loads.incrementAndGet();
          if (running.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet() > 1) {
            overlaps.incrementAndGet();
          }
          return Future.succeededFuture(k);
        },
        h -> {
          running.get(h).decrementAndGet();
          return Future.succeededFuture();
        },
        h -> false);
    var pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<String>> answers = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        var answer = new CompletableFuture<String>();
        answers.add(answer);
        pool.execute(() -> owners.call("unknown", h -> Future.succeededFuture(h)).onComplete(ar -> {
          if (ar.succeeded()) {
            answer.complete(ar.result());
          } else {
            answer.completeExceptionally(ar.cause());
          }
        }));
      }
      for (var a : answers) {
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("unknown");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(loads.get()).as("owners loaded again and again").isGreaterThan(1);
    assertThat(overlaps.get()).as("two owners of one key at once").isZero();
  }
}
