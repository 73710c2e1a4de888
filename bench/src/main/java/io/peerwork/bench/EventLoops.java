package io.peerwork.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code n} event-loop contexts of one Vert.x instance, each on its own event loop (as far as there
 * are loops). {@code vertx.getOrCreateContext()} is no way to get them: called again and again from
 * one outside thread it hands back the same context, so everything would run on one loop.
 */
final class EventLoops {
  private EventLoops() {}

  static List<Context> of(Vertx vertx, int n) throws Exception {
    List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
    vertx.deployVerticle(() -> new VerticleBase() {
          @Override
          public Future<?> start() {
            contexts.add(context);
            return Future.succeededFuture();
          }
        }, new DeploymentOptions().setInstances(n))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return List.copyOf(contexts);
  }
}
