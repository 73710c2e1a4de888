package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.Role;
import io.peerwork.server.TestServer.Client;
import io.peerwork.server.internal.ApiError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a client sends over the socket (the known frame types with fields of random and wrong
 * types, huge and deeply nested values, control, bidi and zero-width characters, unknown fields, or no
 * JSON at all), the answer is an {@code ack}, {@code pong}, {@code rejected} or {@code error} with a
 * documented code that is never {@code INTERNAL}; the socket stays open (but for a message over 256
 * KiB, which closes it with 1009, as protocol.md says); and a refused frame leaves the session's
 * sequence number as it was.
 * (Messages over 256 KiB sent in fragments, with and without compression, are MessageSizeLimitTest's.)
 */
class FrameFuzzTest {
  /** The frame types a client may send, and the server's own (refused over the socket). */
  static final List<String> TYPES = List.of("OpenSession", "StartSession", "AdvancePhase", "ExtendPhase", "EndSession",
      "CancelSession", "Join", "Leave", "DeclareGoal", "EditGoal", "MarkGoal", "RaiseHand", "WithdrawHand", "ClaimNext",
      "ClaimRequest", "FinishHelp", "Chat", "Cheer", "Ping", "Resync", "ScheduleSession", "Tick", "RescheduleSession",
      "CallOffSession", "SetNoShowMinutes", "ReadmitMember", "ReleaseSeat", "SetHelpPlace");
  /** Every field a frame of some type has. */
  static final List<String> FIELDS = List.of("actor", "text", "taskId", "goal", "status", "topicId", "note", "minutes",
      "request", "outcome", "reason", "to", "displayName", "role", "plan", "plannedStart", "participant",
      "place");
  static final int LARGE = 64 * 1024;
  static final int CLOSING = 256 * 1024;

  static final Set<String> CODES = Stream.concat(
      Stream.of(ApiError.Code.values()).map(Enum::name), Stream.of(RejectionCode.values()).map(Enum::name))
      .collect(Collectors.toSet());

  private static TestServer t;
  private static Client host;
  private static String sessionId;
  private static com.fasterxml.jackson.databind.JsonNode invites;
  private static Client fuzzer;
  private static int budget;
  private static long known;
  private static int people;
  private static long nextId;
  /** Refused frames, for the summary: a property that refuses everything tests little. */
  private static final Set<String> answered = new HashSet<>();
  private static int tries;

  @BeforeContainer
  static void start() throws Exception {
    t = new TestServer(TestServer.manyCreationsFromOneAddress(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDatabase(ServerConfig.IN_MEMORY)
        .withDataDirectory(Files.createTempDirectory("peerwork-frame-fuzz"))),
        List.of(TestServer.manyJoinsFromOneAddress()));
    newSession();
  }

  @AfterContainer
  static void stop() throws Exception {
    if (tries >= 200) { // the property ran (a failing one stops early): it reached accepted and refused frames
      assertThat(answered).contains("ack", "pong").anyMatch(a -> a.startsWith("error "))
          .anyMatch(a -> a.startsWith("rejected "));
    }
    t.close();
  }

  /** A running session with a host on its own socket; the fuzzing persons come and go. */
  private static void newSession() throws Exception {
    TestServer.Response created = t.post("/api/sessions", "{\"formatId\":\"test-kitchen\",\"capacity\":500,\"start\":\"2031-03-03T09:00\"}");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    sessionId = created.body().path("sessionId").asText();
    invites = created.body().path("invites");
    if (host != null) {
      host.close();
    }
    host = t.connect(t.join(sessionId, invites.path("host").asText(), "Hanna"));
    host.await(f -> f.path("type").asText().equals("snapshot"));
    host.ok("OpenSession");
    host.ok("StartSession");
    host.ok("AdvancePhase"); // the goal round: goals, hands and claims all make sense now
    Client anna = t.connect(t.join(sessionId, invites.path("participant").asText(), "Anna"));
    anna.ok("DeclareGoal", "text", "Anna's goal"); // g1 exists, and is not the fuzzing persons'
    anna.ok("RaiseHand", "topicId", "scheduling", "note", ""); // so does r1
    anna.close();
    fuzzer = null;
  }

  /** A new person (participant, expert or host, in turn) on a new socket: each has their own rate limit. */
  private static void newPerson() throws Exception {
    if (fuzzer != null && !fuzzer.closed) {
      fuzzer.close();
    }
    Role role = Role.values()[people++ % Role.values().length];
    fuzzer = t.connect(t.join(sessionId, invites.path(TestServer.lower(role)).asText(), "Fuzz " + people));
    budget = 30;
    // Once caught up (the snapshot), a Resync gets a view of its own; the pong comes after a refused join.
    while (!fuzzer.frames.take().path("type").asText().equals("snapshot")) {
      // welcome
    }
    assertThat(ask("Ping").path("type").asText()).isEqualTo("pong");
    known = resync();
  }

  /**
   * Sends a frame of {@code type} with a fresh id and answers its answer. The fuzzing socket is read
   * here, frame by frame, not through {@link Client#await}, whose view would not follow the frames
   * skipped here.
   */
  private static JsonNode ask(String type) throws InterruptedException {
    budget--;
    String id = "z" + (nextId++);
    fuzzer.sendRaw("{\"type\":" + JsonFuzz.quote(type) + ",\"id\":" + JsonFuzz.quote(id) + "}");
    JsonNode a = answer("");
    assertThat(a.path("id").asText()).isEqualTo(id);
    return a;
  }

  private static long resync() throws InterruptedException {
    JsonNode ack = ask("Resync");
    if (!ack.has("seq")) { // a view was on its way already: ask once more
      ack = ask("Resync");
    }
    assertThat(ack.has("seq")).as("Resync's ack carries the seq: %s", ack).isTrue();
    return ack.path("seq").asLong();
  }

  /** One generated frame: its text, with {@code <id>} where the test puts a fresh valid id. */
  record Frame(String type, String text) {
    String with(String id) {
      return text.replace("\"<id>\"", JsonFuzz.quote(id));
    }
  }

  @Property(tries = 250, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
  void noFrameGetsAnInternalErrorClosesTheSocketOrChangesStateWhenRefused(@ForAll("frames") Frame frame)
      throws Exception {
    tries++;
    if (fuzzer == null || fuzzer.closed || budget < 4) {
      newPerson();
    }
    String id = "z" + (nextId++);
    String text = frame.with(id);
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    budget -= 2;
    fuzzer.sendRaw(text);
    if (bytes > CLOSING) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!fuzzer.closed && System.nanoTime() < deadline) {
        fuzzer.frames.poll(50, TimeUnit.MILLISECONDS);
      }
      assertThat(fuzzer.closed).as("a message of %d bytes closes the socket", bytes).isTrue();
      assertThat((int) fuzzer.closeStatusCode()).as("the close code after %d bytes", bytes).isEqualTo(1009);
      answered.add("closed " + fuzzer.closeStatusCode());
      return;
    }
    JsonNode answer = answer(text);
    String type = answer.path("type").asText();
    String code = answer.path("code").asText(null);
    answered.add(type + (code == null ? "" : " " + code));
    assertThat(type).as("answer %s to %s", answer, abbreviate(text)).isIn("ack", "pong", "rejected", "error");
    assertThat(code).as("answer %s to %s", answer, abbreviate(text)).isNotEqualTo("INTERNAL");
    if (code != null) {
      assertThat(CODES).as("the code of %s is documented", answer).contains(code);
    }
    if (bytes > LARGE) {
      assertThat(code).as("answer to %d bytes", bytes).isIn("FRAME_TOO_LARGE", "RATE_LIMITED");
    }
    assertThat(fuzzer.closed).as("the socket is open after %s", answer).isFalse();
    assertThat(host.closed).isFalse();
    if (type.equals("ack") && answer.has("seq")) {
      known = Math.max(known, answer.path("seq").asLong()); // an id carried out before: its first seq
      if (Set.of("EndSession", "CancelSession").contains(frame.type())) {
        newSession();
      } else if (frame.type().equals("Leave")) {
        budget = 0;
      }
    } else if (!type.equals("ack") && !type.equals("pong")) {
      assertThat(resync()).as("the session's seq after %s to %s", answer, abbreviate(text)).isEqualTo(known);
    }
  }

  /**
   * The answer to the frame just sent ({@code text}): the next ack, pong, rejected or error frame
   * (every earlier frame was answered already). It names no frame, or one whose id is in {@code text}.
   */
  private static JsonNode answer(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      JsonNode f = fuzzer.frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(f).as("an answer within 5 s to %s (socket closed: %s)", abbreviate(text), fuzzer.closed).isNotNull();
      if (Set.of("ack", "pong", "rejected", "error").contains(f.path("type").asText())) {
        JsonNode id = f.path("id");
        assertThat(id.isNull() || text.isEmpty() || text.contains(JsonFuzz.quote(id.asText())))
            .as("%s answers the frame %s", f, abbreviate(text)).isTrue();
        return f;
      }
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
  }

  // ---- generators ------------------------------------------------------------------------------

  @Provide
  Arbitrary<Frame> frames() {
    Arbitrary<String> type = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, Arbitraries.of(TYPES)),
        net.jqwik.api.Tuple.of(1, JsonFuzz.text()),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("42", "null", "true", "[\"Ping\"]", "{\"type\":\"Ping\"}")
            .map(raw -> "<raw>" + raw)));
    Arbitrary<String> id = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, Arbitraries.just("\"<id>\"")),
        net.jqwik.api.Tuple.of(1, Arbitraries.just("<absent>")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("42", "null", "\"\"", JsonFuzz.quote("x".repeat(65)), JsonFuzz.quote("a\u0007"),
            JsonFuzz.quote("\u202e\u200b"), "{}", "[\"a\"]", "true", "1.5")));
    // Other fields: of other frame types, or unknown ones.
    Arbitrary<List<String>> extra = Combinators.combine(
        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.of(FIELDS)), net.jqwik.api.Tuple.of(1, JsonFuzz.text()))
            .map(JsonFuzz::quote), JsonFuzz.value())
        .as((k, v) -> k + ":" + v).list().ofMaxSize(3);
    Arbitrary<Frame> objects = type.flatMap(ty -> Combinators.combine(id, own(ty), extra,
        Arbitraries.integers().between(0, 3)).as((i, mine, fs, order) -> {
          var parts = new ArrayList<String>();
          parts.add("\"type\":" + (ty.startsWith("<raw>") ? ty.substring(5) : JsonFuzz.quote(ty)));
          if (!i.equals("<absent>")) {
            parts.add("\"id\":" + i);
          }
          parts.addAll(mine);
          parts.addAll(fs);
          java.util.Collections.rotate(parts, order);
          return new Frame(ty, "{" + String.join(",", parts) + "}");
        }));
    Arbitrary<Frame> garbage = Arbitraries.of("", " ", "{", "}", "[]", "null", "42", "\"Ping\"", "{\"type\":\"Ping\"",
        "{\"type\":\"Ping\",\"id\":\"<id>\"}{\"type\":\"Ping\",\"id\":\"b\"}", "{\"type\":\"Ping\",\"id\":\"<id>\"} x",
        "\ufeff{\"type\":\"Ping\",\"id\":\"<id>\"}", "{'type':'Ping','id':'a'}", "{\"type\":\"Ping\",\"id\":\"<id>\",}",
        "{\"type\":\"Ping\",\"id\":\"<id>\",\"id\":\"again\"}", "{\"type\":\"Ping\",\"type\":\"Tick\",\"id\":\"<id>\"}",
        "/* c */ {\"type\":\"Ping\",\"id\":\"<id>\"}", "{\"type\":NaN,\"id\":\"<id>\"}", "\u0000")
        .map(s -> new Frame("", s));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, objects), net.jqwik.api.Tuple.of(1, garbage),
        net.jqwik.api.Tuple.of(1, JsonFuzz.deep().map(d -> new Frame("DeclareGoal",
            "{\"type\":\"DeclareGoal\",\"id\":\"<id>\",\"text\":" + d + "}"))));
  }

  /** The fields of a frame of {@code type}, each there or not, with any value (often one that fits). */
  static Arbitrary<List<String>> own(String type) {
    List<Arbitrary<String>> fields = new ArrayList<>();
    for (String f : FIELDS_OF.getOrDefault(type, List.of())) {
      fields.add(Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, JsonFuzz.value()), net.jqwik.api.Tuple.of(1,
          Arbitraries.just("<absent>"))).map(v -> v.equals("<absent>") ? v : JsonFuzz.quote(f) + ":" + v));
    }
    return Combinators.combine(fields).as(l -> l.stream().filter(v -> !v.equals("<absent>")).toList());
  }

  /** The fields of each frame type that has any (protocol.md, "Client to server"). */
  static final java.util.Map<String, List<String>> FIELDS_OF = java.util.Map.ofEntries(
      java.util.Map.entry("ExtendPhase", List.of("minutes")), java.util.Map.entry("CancelSession", List.of("reason")),
      java.util.Map.entry("DeclareGoal", List.of("text", "taskId")),
      java.util.Map.entry("EditGoal", List.of("goal", "text")), java.util.Map.entry("MarkGoal", List.of("goal", "status")),
      java.util.Map.entry("RaiseHand", List.of("topicId", "note")),
      java.util.Map.entry("ClaimRequest", List.of("request")),
      java.util.Map.entry("FinishHelp", List.of("request", "outcome")), java.util.Map.entry("Chat", List.of("text")),
      java.util.Map.entry("Cheer", List.of("to")), java.util.Map.entry("Join", List.of("displayName", "role")),
      java.util.Map.entry("ScheduleSession", List.of("plan")),
      java.util.Map.entry("RescheduleSession", List.of("plannedStart")),
      java.util.Map.entry("CallOffSession", List.of("reason")));
}
