package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
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
        h -> false, false);
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

  @Test
  void keptWhileCalledAnOwnerWithACallUnderWayIsNotEvictedForSpaceAndTheCallIsRefusedInstead() {
    var unloaded = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var owners = new OwnerRegistry<String, String>(2, Duration.ofMinutes(1), k -> false,
        Future::succeededFuture, h -> {
          unloaded.add(h);
          return Future.succeededFuture();
        }, h -> true, true);
    Promise<String> a = Promise.promise();
    Promise<String> b = Promise.promise();
    Future<String> callA = owners.call("a", h -> a.future());
    owners.call("b", h -> b.future());

    Future<String> refused = owners.call("c", Future::succeededFuture);
    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOf(OwnerRegistry.Busy.class);
    assertThat(owners.loaded()).isEqualTo(2);
    assertThat(unloaded).isEmpty();

    a.complete("done");
    assertThat(callA.result()).isEqualTo("done");
    Future<String> admitted = owners.call("c", Future::succeededFuture);
    assertThat(admitted.result()).isEqualTo("c");
    // the idle one made space (unloaded by Caffeine's removal listener, on its own thread); b's call is still under way
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(unloaded).containsExactly("a"));
    assertThat(owners.keys()).containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void withoutKeepingWhileCalledTheCapEvictsAnOwnerWithACallUnderWayWhichUnloadsWhenItIsAnswered() {
    var unloaded = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var owners = new OwnerRegistry<String, String>(1, Duration.ofMinutes(1), k -> false,
        Future::succeededFuture, h -> {
          unloaded.add(h);
          return Future.succeededFuture();
        }, h -> true, false);
    Promise<String> a = Promise.promise();
    Future<String> callA = owners.call("a", h -> a.future());

    assertThat(owners.call("b", Future::succeededFuture).result()).isEqualTo("b");
    assertThat(owners.keys()).containsExactly("b"); // a is evicted, its call still under way
    assertThat(unloaded).isEmpty();
    a.complete("done");
    assertThat(callA.result()).isEqualTo("done");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(unloaded).containsExactly("a"));
  }
}
