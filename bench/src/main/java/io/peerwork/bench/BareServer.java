package io.peerwork.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The least Vert.x server that relays the same kind of frames as Peerwork's rooms: no engine, no
 * journal, no event bus, no views, no metrics. It speaks just enough of the demo server's protocol
 * (create a session, join with an invite code, {@code /ws/sessions/<id>?token=...}, welcome and
 * snapshot frames, every command numbered and relayed as an event to every socket of its room, an
 * ack to the sender) that the {@link LoadGenerator} drives it unchanged. The same load against it
 * shows what Vert.x and the machine allow, the ceiling for Peerwork's figures.
 *
 * <pre>java -cp bench/target/peerwork-bench.jar io.peerwork.bench.BareServer --port 8090</pre>
 */
public final class BareServer {
  private final Vertx vertx;
  private final int port;
  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  private static final class Room {
    final List<ServerWebSocket> sockets = new ArrayList<>();
    long seq;
  }

  private BareServer(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  /** Starts {@code instances} servers sharing {@code port} (0: a free one), one per event loop. */
  public static Future<BareServer> start(String host, int port, int instances) {
    Vertx vertx = Vertx.vertx();
    var holder = new BareServer[1];
    int chosen = port;
    if (chosen == 0) { // Vert.x shares one listening socket among servers of one port, but not of port 0
      try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
        chosen = probe.getLocalPort();
      } catch (java.io.IOException e) {
        return Future.failedFuture(e);
      }
    }
    BareServer bare = new BareServer(vertx, chosen);
    holder[0] = bare;
    List<Context> loops;
    try {
      loops = EventLoops.of(vertx, instances);
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    var servers = new ArrayList<Future<HttpServer>>();
    for (Context ctx : loops) { // one server per event loop: Vert.x spreads the connections over them
      servers.add(listen(vertx, ctx, host, chosen, holder));
    }
    return Future.all(servers).map(bare);
  }

  private static Future<HttpServer> listen(Vertx vertx, Context ctx, String host, int port, BareServer[] holder) {
    Promise<HttpServer> p = Promise.promise();
    ctx.runOnContext(v -> vertx.createHttpServer()
        .requestHandler(req -> holder[0].http(req))
        .webSocketHandler(ws -> holder[0].connected(ws))
        .listen(port, host)
        .onComplete(p));
    return p.future();
  }

  /** Starts a bare server: {@code --port N} (default 8090), {@code --host H} (default 127.0.0.1). */
  public static void main(String[] args) throws Exception {
    int port = 8090;
    String host = "127.0.0.1";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--host" -> host = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    BareServer s = start(host, port, Runtime.getRuntime().availableProcessors())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    BenchServer.closeOnShutdown("bare server", s::close);
    System.out.println("bare server listening on port " + s.port());
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** Stops it. */
  public Future<Void> close() {
    return vertx.close();
  }

  private void http(HttpServerRequest req) {
    String path = req.path();
    if (path.equals("/api/formats")) {
      req.response().end(new JsonArray().add(new JsonObject().put("id", "bare")).encode());
    } else if (path.equals("/api/sessions")) {
      String id = "b-" + ids.incrementAndGet();
      rooms.put(id, new Room());
      req.response().setStatusCode(201).end(new JsonObject().put("sessionId", id).put("invites",
          new JsonObject().put("host", "host").put("expert", "expert").put("participant", "participant")).encode());
    } else if (path.startsWith("/api/sessions/") && path.endsWith("/join")) {
      String id = path.substring("/api/sessions/".length(), path.length() - "/join".length());
      req.body().onSuccess(body -> {
        String code = body.toJsonObject().getString("code", "participant");
        String pid = code.charAt(0) + "-" + ids.incrementAndGet();
        req.response().end(new JsonObject().put("token", id + "." + pid).put("sessionId", id)
            .put("participantId", pid).put("role", code.toUpperCase()).encode());
      });
    } else {
      req.response().setStatusCode(404).end();
    }
  }

  private void connected(ServerWebSocket ws) {
    String query = ws.query() == null ? "" : ws.query();
    String token = query.startsWith("token=") ? query.substring(6).split("&")[0] : "";
    int dot = token.indexOf('.');
    Room room = dot < 0 ? null : rooms.get(token.substring(0, dot));
    if (room == null || !ws.path().equals("/ws/sessions/" + token.substring(0, dot))) {
      ws.close((short) 4401, "no such session or token");
      return;
    }
    String pid = token.substring(dot + 1);
    ws.textMessageHandler(text -> command(room, pid, ws, text));
    ws.closeHandler(v -> {
      synchronized (room) {
        room.sockets.remove(ws);
      }
    });
    ws.writeTextMessage(new JsonObject().put("type", "welcome").put("participantId", pid).encode());
    synchronized (room) {
      long seq = ++room.seq;
      relay(room, seq, new JsonObject().put("type", "MemberJoined").put("participant", pid));
      room.sockets.add(ws);
      ws.writeTextMessage("{\"type\":\"snapshot\",\"seq\":" + seq + "}");
    }
  }

  private void command(Room room, String pid, ServerWebSocket ws, String text) {
    JsonObject c;
    try {
      c = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      ws.writeTextMessage("{\"type\":\"error\",\"id\":null,\"code\":\"MALFORMED_JSON\"}");
      return;
    }
    Object id = c.remove("id");
    String type = c.getString("type", "");
    c.put("type", switch (type) {
      case "OpenSession" -> "SessionOpened";
      case "DeclareGoal" -> "GoalDeclared";
      case "EditGoal" -> "GoalEdited";
      default -> type + "Done";
    });
    c.put("actor", pid);
    String idJson = id instanceof String s ? "\"" + s.replace("\"", "") + "\"" : String.valueOf(id);
    synchronized (room) {
      long seq = ++room.seq;
      if (type.equals("DeclareGoal")) {
        c.put("goal", "g" + seq).put("owner", pid);
      }
      relay(room, seq, c);
      ws.writeTextMessage("{\"type\":\"ack\",\"id\":" + idJson + ",\"seq\":" + seq + "}");
    }
  }

  /** Encodes the event once and writes it to every socket of the room; the caller holds the lock. */
  private static void relay(Room room, long seq, JsonObject event) {
    String frame = "{\"type\":\"event\",\"seq\":" + seq + ",\"event\":" + event.encode() + "}";
    for (ServerWebSocket s : room.sockets) {
      s.writeTextMessage(frame);
    }
  }
}
