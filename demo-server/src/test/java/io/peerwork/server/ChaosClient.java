package io.peerwork.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One member of a session as a resilient client would be (protocol.md, "Sending a command twice is
 * safe" and "Resuming after a dropped connection"): it sends commands with ids of its own at a
 * steady pace, and when its socket drops (or its node stops answering pings) it reconnects with
 * jittered backoff to the next node, resumes with {@code since=<last seq>} and sends every command
 * not yet answered again with the same id, until it is acked or rejected. It records what it got,
 * per connection, for {@link HistoryChecker}.
 *
 * <p>Everything a client does runs on its own Vert.x context, so its state needs no locks; the test
 * reads it through {@link #onContext} or once the client is {@link #close closed}.
 */
final class ChaosClient {
  /** Answers that leave the outcome open or say nothing was done for now: send again, same id. */
  static final Set<String> RETRY = Set.of("ROOM_UNAVAILABLE", "OUTCOME_UNKNOWN", "STORAGE_UNAVAILABLE",
      "RATE_LIMITED", "SERVER_BUSY");
  private static final long PING_EVERY_MS = 1000;
  private static final long PONG_TIMEOUT_MS = 4000;
  private static final long ANSWER_TIMEOUT_MS = 12_000;

  /** What this client asks for: the host opens the lobby, participants declare a goal and edit it. */
  enum Kind { HOST, PARTICIPANT }

  /** A command sent, with what became of it. */
  static final class Command {
    final String id;
    final String frame;
    final long firstSentNanos;
    long lastSentNanos;
    int sends;
    /** "ack", "rejected" or "error" once answered for good. */
    String outcome;
    String code;
    long seq = -1;
    long answeredNanos;

    Command(String id, String frame, long now) {
      this.id = id;
      this.frame = frame;
      this.firstSentNanos = now;
    }
  }

  /** One WebSocket of this client, with the event frames it delivered in order. */
  static final class Conn {
    final int number;
    final int port;
    final long since;
    /** The seq the connection's events continue from: its snapshot's, or {@link #since}; -1 before either. */
    long base = -1;
    boolean snapshot;
    /** Whether the connection caught up: a snapshot, or the view that ends a resume. */
    boolean caughtUp;
    /**
     * The event frames it delivered in order, and any snapshot after its first (a catch-up that
     * found the client too far behind): the checker holds each against what came before it.
     */
    final List<JsonNode> events = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    WebSocket ws;
    boolean abandoned;
    int closeCode = -1;
    long lastPongNanos;

    Conn(int number, int port, long since) {
      this.number = number;
      this.port = port;
      this.since = since;
      this.base = since;
    }
  }

  final String name;
  final String sessionId;
  final String participantId;
  final Kind kind;
  private final String token;
  private final List<Integer> ports;
  private final WebSocketClient client;
  private final Context context;
  private final long pacingMs;
  private final String idPrefix;

  /** The node this client connects to first, and goes back to when asked ({@link #goHome}). */
  private final int home;
  private int nodeIndex;
  private int attempt;
  private int nextId = 1;
  private int pingId;
  private long lastSeq = -1;
  private String goalId;
  private boolean declared;
  private boolean loadOn;
  private boolean closed;
  private Conn current;
  private final List<Conn> connections = new ArrayList<>();
  /** Every command, in the order first sent. */
  private final Map<String, Command> commands = new LinkedHashMap<>();
  /** Things a client can see that must never happen (a close with 4401/4403/4404, a snapshot behind it, ...). */
  private final List<String> violations = new ArrayList<>();
  private long sender = -1;
  private long watchdog = -1;

  ChaosClient(Vertx vertx, WebSocketClient client, String name, Kind kind, JsonNode joined, List<Integer> ports,
      int firstNode, long pacingMs) {
    this.name = name;
    this.kind = kind;
    this.sessionId = joined.path("sessionId").asText();
    this.participantId = joined.path("participantId").asText();
    this.token = joined.path("token").asText();
    this.ports = List.copyOf(ports);
    this.client = client;
    this.context = vertx.getOrCreateContext();
    this.home = firstNode % ports.size();
    this.nodeIndex = home;
    this.pacingMs = pacingMs;
    this.idPrefix = "c" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36) + "-";
  }

  /** Connects and starts the watchdog (pings, unanswered commands). */
  void start() {
    context.runOnContext(v -> {
      connect();
      watchdog = context.owner().setPeriodic(PING_EVERY_MS, t -> watch());
    });
  }

  /** Starts or stops sending new commands (those sent are still seen through to an answer). */
  void load(boolean on) {
    context.runOnContext(v -> {
      loadOn = on;
      if (on && sender < 0) {
        scheduleNext();
      }
    });
  }

  /**
   * Moves to the node this client started on, if it is elsewhere now (as a load balancer spreads
   * clients again): closes its socket and resumes there.
   */
  void goHome() {
    context.runOnContext(v -> {
      if (closed || nodeIndex == home || current == null || current.ws == null) {
        return;
      }
      Conn c = current;
      c.abandoned = true;
      c.closeCode = 1000;
      current = null;
      c.ws.close();
      nodeIndex = home;
      connect();
    });
  }

  /** Whether this client's socket is open to the node it started on, and caught up. */
  boolean home() {
    return onContext(c -> c.nodeIndex == c.home && c.current != null && c.current.caughtUp);
  }

  /** Sends one command now (the host's {@code OpenSession}); its answer is recorded like any other. */
  void sendOnce(String type) {
    context.runOnContext(v -> send(type));
  }

  /** Runs {@code f} on this client's context and waits for its answer: a consistent read of its state. */
  <T> T onContext(java.util.function.Function<ChaosClient, T> f) {
    if (closed) {
      return f.apply(this);
    }
    var answer = new java.util.concurrent.CompletableFuture<T>();
    context.runOnContext(v -> {
      try {
        answer.complete(f.apply(this));
      } catch (RuntimeException e) {
        answer.completeExceptionally(e);
      }
    });
    try {
      return answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("client " + name + " did not answer", e);
    }
  }

  /** Commands sent and not yet answered for good. */
  int outstanding() {
    return onContext(c -> (int) c.commands.values().stream().filter(cmd -> cmd.outcome == null).count());
  }

  /** Whether this client has a socket that caught up (a snapshot or a resume answered). */
  boolean connected() {
    return onContext(c -> c.current != null && c.current.caughtUp);
  }

  /** The acks received, as (sequence number, when received). */
  List<long[]> acks() {
    return onContext(c -> c.commands.values().stream().filter(cmd -> "ack".equals(cmd.outcome))
        .map(cmd -> new long[] {cmd.seq, cmd.answeredNanos}).toList());
  }

  /** Stops everything and closes the socket; the history stays for the checker. */
  void close() {
    onContext(c -> {
      c.loadOn = false;
      c.closed = true;
      if (c.sender >= 0) {
        context.owner().cancelTimer(c.sender);
      }
      if (c.watchdog >= 0) {
        context.owner().cancelTimer(c.watchdog);
      }
      if (c.current != null && c.current.ws != null) {
        c.current.abandoned = true;
        c.current.ws.close();
      }
      return null;
    });
  }

  List<Conn> connections() {
    return connections;
  }

  Map<String, Command> commands() {
    return commands;
  }

  List<String> violations() {
    return violations;
  }

  private void scheduleNext() {
    long delay = pacingMs / 2 + ThreadLocalRandom.current().nextLong(pacingMs + 1);
    sender = context.owner().setTimer(delay, t -> {
      sender = -1;
      if (!loadOn || closed) {
        return;
      }
      long open = commands.values().stream().filter(cmd -> cmd.outcome == null).count();
      if (current != null && open < 3 && kind == Kind.PARTICIPANT) {
        if (goalId != null) {
          send("EditGoal", "goal", goalId, "text", "Schritt " + nextId + " von " + name);
        } else if (!declared) {
          declared = true;
          send("DeclareGoal", "text", "Ziel von " + name);
        }
      }
      scheduleNext();
    });
  }

  private void send(String type, Object... fields) {
    ObjectNode f = TestServer.JSON.createObjectNode();
    String id = idPrefix + nextId++;
    f.put("type", type);
    f.put("id", id);
    for (int i = 0; i < fields.length; i += 2) {
      f.set((String) fields[i], TestServer.JSON.valueToTree(fields[i + 1]));
    }
    Command cmd = new Command(id, f.toString(), System.nanoTime());
    commands.put(id, cmd);
    transmit(cmd);
  }

  private void transmit(Command cmd) {
    if (current == null || current.ws == null || current.abandoned) {
      return; // sent again when the next socket opens
    }
    cmd.sends++;
    cmd.lastSentNanos = System.nanoTime();
    current.ws.writeTextMessage(cmd.frame);
  }

  private void connect() {
    if (closed) {
      return;
    }
    int port = ports.get(nodeIndex);
    Conn conn = new Conn(connections.size() + 1, port, lastSeq);
    connections.add(conn);
    current = conn;
    String uri = "/ws/sessions/" + sessionId + "?token=" + token + (lastSeq >= 0 ? "&since=" + lastSeq : "");
    client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri)
            .setTimeout(3000).setIdleTimeout(0))
        .onComplete(ar -> {
          if (ar.failed()) {
            lost(conn, -1);
            return;
          }
          WebSocket ws = ar.result();
          conn.ws = ws;
          conn.lastPongNanos = System.nanoTime();
          if (conn.abandoned || closed) {
            ws.close();
            return;
          }
          ws.textMessageHandler(text -> onFrame(conn, text));
          ws.closeHandler(v -> lost(conn, ws.closeStatusCode() == null ? 1006 : ws.closeStatusCode()));
          ws.exceptionHandler(e -> lost(conn, 1006));
          for (Command cmd : commands.values()) {
            if (cmd.outcome == null) {
              transmit(cmd);
            }
          }
        });
  }

  /** The socket {@code conn} is gone (or given up): reconnect to the next node after a jittered backoff. */
  private void lost(Conn conn, int code) {
    if (conn.closeCode < 0) {
      conn.closeCode = code;
    }
    if (code == 4401 || code == 4403 || code == 4404) {
      violations.add(name + ": socket closed with " + code + " (the server must not refuse a member)");
    }
    if (conn != current || closed) {
      return;
    }
    conn.abandoned = true;
    current = null;
    nodeIndex = (nodeIndex + 1) % ports.size();
    long base = Math.min(2000, 100L << Math.min(attempt, 5));
    attempt++;
    long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    context.owner().setTimer(delay, t -> connect());
  }

  /** Pings, and gives up a socket whose node answers no ping, or whose command waits too long. */
  private void watch() {
    if (closed || current == null || current.ws == null) {
      return;
    }
    Conn c = current;
    long now = System.nanoTime();
    boolean deaf = now - c.lastPongNanos > PONG_TIMEOUT_MS * 1_000_000;
    boolean stuck = commands.values().stream().anyMatch(cmd -> cmd.outcome == null && cmd.sends > 0
        && now - cmd.lastSentNanos > ANSWER_TIMEOUT_MS * 1_000_000);
    if (deaf || stuck) {
      WebSocket ws = c.ws;
      lost(c, deaf ? 4900 : 4901); // this client's own reasons
      ws.close();
      return;
    }
    c.ws.writeTextMessage("{\"type\":\"Ping\",\"id\":\"ping-" + (++pingId) + "\"}");
  }

  private void onFrame(Conn conn, String text) {
    if (conn.abandoned) {
      return; // given up: whatever it still says is not delivered to this client
    }
    JsonNode f;
    try {
      f = TestServer.JSON.readTree(text);
    } catch (Exception e) {
      conn.problems.add("unreadable frame " + text);
      return;
    }
    String type = f.path("type").asText();
    switch (type) {
      case "snapshot" -> {
        long seq = f.path("seq").asLong();
        if (conn.since >= 0 && seq < conn.since) {
          violations.add(name + ": snapshot at " + seq + " behind the " + conn.since + " it had seen");
        }
        if (conn.base >= 0) {
          conn.events.add(f); // a later snapshot on the same socket: in order, for the checker
        } else {
          conn.base = seq;
        }
        conn.snapshot = true;
        conn.caughtUp = true;
        lastSeq = seq;
        attempt = 0;
        for (JsonNode g : f.path("view").path("goals")) {
          if (g.path("owner").asText().equals(participantId)) {
            goalId = g.path("id").asText();
          }
        }
      }
      case "event" -> {
        long seq = f.path("seq").asLong();
        conn.events.add(f);
        lastSeq = Math.max(lastSeq, seq);
        JsonNode e = f.path("event");
        if (e.path("type").asText().equals("GoalDeclared") && e.path("owner").asText().equals(participantId)) {
          goalId = e.path("goal").asText();
        }
      }
      case "view", "patch" -> {
        conn.caughtUp |= type.equals("view");
        lastSeq = Math.max(lastSeq, f.path("seq").asLong());
        attempt = 0;
      }
      case "pong" -> conn.lastPongNanos = System.nanoTime();
      case "ack", "rejected", "error" -> answered(conn, f, type);
      default -> { }
    }
  }

  private void answered(Conn conn, JsonNode f, String type) {
    String id = f.path("id").isTextual() ? f.path("id").asText() : null;
    Command cmd = id == null ? null : commands.get(id);
    if (cmd == null) {
      if (id == null && type.equals("error") && !RETRY.contains(f.path("code").asText())) {
        violations.add(name + ": error " + f);
      }
      return;
    }
    if (cmd.outcome != null) {
      if (type.equals("ack") && "ack".equals(cmd.outcome) && f.path("seq").asLong() != cmd.seq) {
        violations.add(name + ": " + cmd.id + " acked at " + cmd.seq + " and again at " + f.path("seq"));
      }
      return; // an answer to a copy sent again
    }
    String code = f.path("code").asText();
    if (type.equals("error") && RETRY.contains(code)) {
      long delay = 150 + ThreadLocalRandom.current().nextLong(350);
      context.owner().setTimer(delay, t -> {
        if (cmd.outcome == null && current == conn) {
          transmit(cmd);
        }
      });
      return;
    }
    cmd.outcome = type;
    cmd.code = code;
    cmd.seq = type.equals("ack") ? f.path("seq").asLong() : -1;
    cmd.answeredNanos = System.nanoTime();
    if (cmd.frame.contains("\"DeclareGoal\"") && !type.equals("ack")) {
      declared = false;
    }
  }
}
