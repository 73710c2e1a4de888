package io.peerwork.testkit;

import io.peerwork.core.FormatRegistry;
import io.peerwork.core.InvalidFormatException;
import io.peerwork.core.QueuePolicies;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.testkit.internal.SimulationRun;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a whole simulated session of a format, from scheduling to recap, through the real {@link
 * SessionEngine} and an in-memory journal: a host runs the agenda and pins a welcome, expert(s)
 * answer help requests, and participants arrive (some late), declare goals from the format's
 * catalogue and in free text, raise hands on the format's help topics, withdraw some, leave and
 * come back, and mark goals done or partly done. Phases end by the host's hand and by timer ticks;
 * the host extends a phase now and then.
 *
 * <p>The help queue is used as in a real room: with two experts or more, one may take only some
 * topics; experts now and then put a help on hold for the participant to try something out (who
 * later says they are ready, or the hold runs out), and pause the queue for a few minutes with a
 * reason (sometimes with a note for those waiting) before opening it again. Participants join a
 * waiting request on their topic ("me too") instead of raising a hand of their own; some offer to
 * help others as peers, and askers accept or decline the peer suggested to them while the experts
 * are busy; peers finish their helps. Most of those helped answer afterwards how it went, mostly
 * in line with the helper's outcome. Nobody asks again before the format's {@linkplain
 * TopicFormat#raiseAgainAfter() pause after a help}. A few invalid commands are sent on purpose to
 * see them rejected (see {@link Simulation}).
 *
 * <p>Deterministic: the same format and settings give the same events, so a failing seed can be
 * replayed. An immutable value; each {@code with...} method returns a changed copy.
 *
 * <pre>{@code
 * Simulation sim = SessionSimulator.of(new SocialMediaKitchen())
 *     .withParticipants(12).withSeed(42).withLanguage("de").run();
 * assertThat(sim.unexpected()).isEmpty();
 * System.out.println(sim.recap().participants().get(0).done());
 * }</pre>
 */
public final class SessionSimulator {
  /** The planned start of a simulated session unless set: Tuesday, 3 March 2026, 09:00 in Vienna. */
  public static final Instant DEFAULT_START = Instant.parse("2026-03-03T08:00:00Z");
  /** The zone simulated sessions are held in. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Vienna");
  /** The languages goal texts and notes can be written in. */
  public static final Set<String> LANGUAGES = Set.of("de", "en");
  /** The most participants one simulation can have. */
  public static final int MAX_PARTICIPANTS = SessionPlan.MAX_CAPACITY;
  /** The most experts one simulation can have. */
  public static final int MAX_EXPERTS = 10;

  private final TopicFormat format;
  private final int participants;
  private final int experts;
  private final long seed;
  private final String language;
  private final Instant start;
  private final Optional<String> queuePolicy;

  private SessionSimulator(TopicFormat format, int participants, int experts, long seed, String language,
      Instant start, Optional<String> queuePolicy) {
    this.format = format;
    this.participants = participants;
    this.experts = experts;
    this.seed = seed;
    this.language = language;
    this.start = start;
    this.queuePolicy = queuePolicy;
  }

  /**
   * A simulator for {@code format} with 8 participants, 1 expert, seed 1, goal texts in English,
   * the format's default queue policy, starting at {@link #DEFAULT_START}.
   */
  public static SessionSimulator of(TopicFormat format) {
    return new SessionSimulator(Objects.requireNonNull(format, "format"), 8, 1, 1L, "en", DEFAULT_START,
        Optional.empty());
  }

  /**
   * With {@code count} participants.
   *
   * @throws IllegalArgumentException unless 1 to {@value #MAX_PARTICIPANTS}
   */
  public SessionSimulator withParticipants(int count) {
    if (count < 1 || count > MAX_PARTICIPANTS) {
      throw new IllegalArgumentException("participants must be 1 to " + MAX_PARTICIPANTS + ", not " + count);
    }
    return new SessionSimulator(format, count, experts, seed, language, start, queuePolicy);
  }

  /**
   * With {@code count} experts. With none, help requests wait until participants give up or a
   * peer helps.
   *
   * @throws IllegalArgumentException unless 0 to {@value #MAX_EXPERTS}
   */
  public SessionSimulator withExperts(int count) {
    if (count < 0 || count > MAX_EXPERTS) {
      throw new IllegalArgumentException("experts must be 0 to " + MAX_EXPERTS + ", not " + count);
    }
    return new SessionSimulator(format, participants, count, seed, language, start, queuePolicy);
  }

  /** With the random seed {@code seed}; every choice of the simulation follows from it. */
  public SessionSimulator withSeed(long newSeed) {
    return new SessionSimulator(format, participants, experts, newSeed, language, start, queuePolicy);
  }

  /**
   * With goal texts, help notes and the session title in {@code lang}.
   *
   * @throws IllegalArgumentException unless one of {@link #LANGUAGES}
   */
  public SessionSimulator withLanguage(String lang) {
    Objects.requireNonNull(lang, "language");
    if (!LANGUAGES.contains(lang)) {
      throw new IllegalArgumentException("language must be one of " + LANGUAGES + ", not '" + lang + "'");
    }
    return new SessionSimulator(format, participants, experts, seed, lang, start, queuePolicy);
  }

  /** With the session planned to start at {@code plannedStart}. */
  public SessionSimulator withStart(Instant plannedStart) {
    return new SessionSimulator(format, participants, experts, seed, language,
        Objects.requireNonNull(plannedStart, "plannedStart"), queuePolicy);
  }

  /**
   * With the help queue ordered by the built-in policy {@code policyId} ({@code fcfs} or {@code
   * fair}) instead of the format's default.
   *
   * @throws IllegalArgumentException if no built-in policy has this id
   */
  public SessionSimulator withQueuePolicy(String policyId) {
    Objects.requireNonNull(policyId, "policyId");
    if (QueuePolicies.builtIn().stream().noneMatch(p -> p.id().equals(policyId))) {
      throw new IllegalArgumentException("no built-in queue policy '" + policyId + "'; use fcfs or fair");
    }
    return new SessionSimulator(format, participants, experts, seed, language, start, Optional.of(policyId));
  }

  /** The format simulated. */
  public TopicFormat format() {
    return format;
  }

  /** How many participants take part. */
  public int participants() {
    return participants;
  }

  /** How many experts take part. */
  public int experts() {
    return experts;
  }

  /** The random seed. */
  public long seed() {
    return seed;
  }

  /** The language of goal texts and notes. */
  public String language() {
    return language;
  }

  /**
   * Runs the session to its end.
   *
   * @throws InvalidFormatException if the format does not pass {@link FormatRegistry#validate}
   * @throws io.peerwork.core.PeerworkException if the format's default queue policy is not built in
   * @throws IllegalStateException if the engine rejects the session's plan, so nothing can be
   *     simulated
   */
  public Simulation run() {
    SessionEngine engine = SessionEngine.builder().formats(format).build();
    String policy = queuePolicy.orElse(format.defaultQueuePolicy());
    return new SimulationRun(engine, format, participants, experts, seed, language, start, ZONE, policy).run();
  }

  @Override
  public String toString() {
    return "SessionSimulator[" + format.id() + ", " + participants + " participants, " + experts
        + " experts, seed " + seed + ", " + language + "]";
  }
}
