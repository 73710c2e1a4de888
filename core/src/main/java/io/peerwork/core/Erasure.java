package io.peerwork.core;

import io.peerwork.core.SessionEvent.AnnouncementPosted;
import io.peerwork.core.SessionEvent.GoalDeclared;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionEvent.HandRaised;
import io.peerwork.core.SessionEvent.HelpPlaceSet;
import io.peerwork.core.SessionEvent.MemberRemoved;
import io.peerwork.core.SessionEvent.ParticipantJoined;
import io.peerwork.core.SessionEvent.QueueStateSet;
import io.peerwork.core.SessionEvent.RequestJoined;
import io.peerwork.core.SessionEvent.SessionCancelled;
import io.peerwork.core.series.GoalOutcome;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Erasing one person's personal data from a stream's events (the GDPR's right to erasure), so that
 * the stream stays consistent for everyone else: the same events, of the same types, at the same
 * versions, with the same ids and times; only the person's name, e-mail address and the texts they
 * wrote are replaced. Replaying the erased events gives the same state as before for everyone but
 * them: the same phases, the same goals and helps with their statuses and lengths, the same counts.
 *
 * <p>Pure functions; a journal stores their result in place of the old events ({@link
 * EventRewriter}). What stays is what others need and what identifies nobody: ids (a participant id
 * in a session of a series is a keyed hash of the address, which cannot be read back), times,
 * statuses, the tasks and topics of the format a goal or a request was about.
 */
public final class Erasure {
  /**
   * What replaces an erased name or text. Pages show it as "gelöscht" / "erased" in the reader's
   * language; it is not a name anyone can choose (names are checked when people join).
   */
  public static final String ERASED = "\u2205";

  private Erasure() {}

  /**
   * The events of one session with the personal data of {@code who} erased: their display name,
   * the texts of their goals (also as edited later), the notes of their requests, the reason given
   * when they were removed, and what they wrote as staff (announcements, the help place, reasons for
   * a queue state or a cancellation). Empty texts stay empty.
   */
  public static List<SessionEvent> session(List<? extends SessionEvent> events, ParticipantId who) {
    Objects.requireNonNull(who, "who");
    Set<GoalId> theirGoals = new HashSet<>();
    for (SessionEvent e : events) {
      if (e instanceof GoalDeclared g && g.owner().equals(who)) {
        theirGoals.add(g.goal());
      }
    }
    var out = new ArrayList<SessionEvent>(events.size());
    for (SessionEvent e : events) {
      out.add(session(e, who, theirGoals));
    }
    return List.copyOf(out);
  }

  private static SessionEvent session(SessionEvent e, ParticipantId who, Set<GoalId> theirGoals) {
    if (e instanceof ParticipantJoined j && j.participant().equals(who)) {
      return new ParticipantJoined(j.at(), j.participant(), ERASED, j.role());
    } else if (e instanceof GoalDeclared g && g.owner().equals(who)) {
      return new GoalDeclared(g.at(), g.goal(), g.owner(), g.focusBlock(), erased(g.text()), g.taskId());
    } else if (e instanceof GoalEdited g && theirGoals.contains(g.goal())) {
      return new GoalEdited(g.at(), g.goal(), erased(g.text()));
    } else if (e instanceof HandRaised h && h.participant().equals(who)) {
      return new HandRaised(h.at(), h.request(), h.participant(), h.topicId(), erased(h.note()));
    } else if (e instanceof RequestJoined r && r.participant().equals(who)) {
      return new RequestJoined(r.at(), r.request(), r.participant(), erased(r.note()));
    } else if (e instanceof MemberRemoved m && (m.participant().equals(who) || m.by().filter(who::equals).isPresent())) {
      // The reason given when they were removed, or that they gave (as host) when removing someone.
      return new MemberRemoved(m.at(), m.participant(), m.by(), erased(m.reason()));
    } else if (e instanceof AnnouncementPosted a && a.by().equals(who)) {
      return new AnnouncementPosted(a.at(), a.by(), erased(a.text()), a.audience());
    } else if (e instanceof HelpPlaceSet p && p.by().equals(who)) {
      return new HelpPlaceSet(p.at(), p.by(), erased(p.place()));
    } else if (e instanceof QueueStateSet q && q.by().equals(who)) {
      return new QueueStateSet(q.at(), q.status(), erased(q.reason()), q.by());
    } else if (e instanceof SessionCancelled c && c.by().filter(who::equals).isPresent()) {
      return new SessionCancelled(c.at(), c.by(), erased(c.reason()));
    }
    return e;
  }

  /**
   * The events of one session with every free text erased, as the series' retention asks once the
   * session lies far enough back ({@link io.peerwork.core.series.SeriesPlan#retentionMonths}): the
   * texts of goals, the notes of requests, announcements, the help place and the reasons given.
   * Names stay (who attended stays part of the series' history until a person asks for erasure).
   */
  public static List<SessionEvent> expired(List<? extends SessionEvent> events) {
    var out = new ArrayList<SessionEvent>(events.size());
    for (SessionEvent e : events) {
      if (e instanceof GoalDeclared g) {
        out.add(new GoalDeclared(g.at(), g.goal(), g.owner(), g.focusBlock(), erased(g.text()), g.taskId()));
      } else if (e instanceof GoalEdited g) {
        out.add(new GoalEdited(g.at(), g.goal(), erased(g.text())));
      } else if (e instanceof HandRaised h) {
        out.add(new HandRaised(h.at(), h.request(), h.participant(), h.topicId(), erased(h.note())));
      } else if (e instanceof RequestJoined r) {
        out.add(new RequestJoined(r.at(), r.request(), r.participant(), erased(r.note())));
      } else if (e instanceof MemberRemoved m) {
        out.add(new MemberRemoved(m.at(), m.participant(), m.by(), erased(m.reason())));
      } else if (e instanceof AnnouncementPosted a) {
        out.add(new AnnouncementPosted(a.at(), a.by(), erased(a.text()), a.audience()));
      } else if (e instanceof HelpPlaceSet p) {
        out.add(new HelpPlaceSet(p.at(), p.by(), erased(p.place())));
      } else if (e instanceof QueueStateSet q) {
        out.add(new QueueStateSet(q.at(), q.status(), erased(q.reason()), q.by()));
      } else if (e instanceof SessionCancelled c) {
        out.add(new SessionCancelled(c.at(), c.by(), erased(c.reason())));
      } else {
        out.add(e);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The events of one series with the goal texts of outcomes recorded for dates before {@code
   * keepFrom} erased (the series' retention); statuses and tasks stay, so routines' histories and
   * counts are unchanged.
   */
  public static List<SeriesEvent> expiredOutcomes(List<? extends SeriesEvent> events, java.time.LocalDate keepFrom) {
    var out = new ArrayList<SeriesEvent>(events.size());
    for (SeriesEvent e : events) {
      if (e instanceof SeriesEvent.OutcomesRecorded o && o.date().isBefore(keepFrom)) {
        out.add(new SeriesEvent.OutcomesRecorded(o.at(), o.date(), o.email(), o.outcomes().stream()
            .map(g -> new GoalOutcome(erased(g.text()), g.taskId(), g.status())).toList()));
      } else {
        out.add(e);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The events of one series with the personal data of the person registered as {@code email}
   * erased: the address becomes {@code pseudonym} everywhere (so their seats, routines and outcomes
   * still count, under a name that points to nobody), their name becomes {@link #ERASED}, and the
   * texts of their goals' outcomes and of their wins and tips on the wall are erased (their cheers
   * still count, under the pseudonym; a tip the host made a resource stays in the task's resources,
   * which the host adopted). Addresses are compared as the series compares them
   * ({@link SeriesState#normalize}).
   *
   * @param pseudonym the address that replaces theirs: one that points to nobody and is used for
   *     nobody else, e.g. {@link #pseudonym(String)}
   */
  public static List<SeriesEvent> series(List<? extends SeriesEvent> events, String email, String pseudonym) {
    String target = SeriesState.normalize(Objects.requireNonNull(email, "email"));
    Objects.requireNonNull(pseudonym, "pseudonym");
    var out = new ArrayList<SeriesEvent>(events.size());
    for (SeriesEvent e : events) {
      out.add(series(e, target, pseudonym));
    }
    return List.copyOf(out);
  }

  /**
   * An address that points to nobody ({@code .invalid} is reserved for that, RFC 2606), made from
   * {@code randomPart} (letters and digits, chosen at random by the caller, so that it says nothing
   * of the person).
   */
  public static String pseudonym(String randomPart) {
    if (!randomPart.matches("[a-z0-9]{8,64}")) {
      throw new IllegalArgumentException("a pseudonym's random part is 8 to 64 lower-case letters and digits");
    }
    return "erased-" + randomPart + "@erased.invalid";
  }

  /** Whether {@code email} is an address {@link #pseudonym} made. */
  public static boolean isPseudonym(String email) {
    return email.startsWith("erased-") && email.endsWith("@erased.invalid");
  }

  private static SeriesEvent series(SeriesEvent e, String target, String pseudonym) {
    if (e instanceof SeriesEvent.Registered r && is(r.email(), target)) {
      return new SeriesEvent.Registered(r.at(), r.date(), pseudonym, ERASED, r.language(), r.priceCents(),
          r.waitlisted());
    } else if (e instanceof SeriesEvent.RegistrationCancelled r && is(r.email(), target)) {
      return new SeriesEvent.RegistrationCancelled(r.at(), r.date(), pseudonym);
    } else if (e instanceof SeriesEvent.PromotedFromWaitlist p && is(p.email(), target)) {
      return new SeriesEvent.PromotedFromWaitlist(p.at(), p.date(), pseudonym);
    } else if (e instanceof SeriesEvent.CheckedIn c && is(c.email(), target)) {
      return new SeriesEvent.CheckedIn(c.at(), c.date(), pseudonym);
    } else if (e instanceof SeriesEvent.NoShowRecorded n && is(n.email(), target)) {
      return new SeriesEvent.NoShowRecorded(n.at(), n.date(), pseudonym);
    } else if (e instanceof SeriesEvent.PaymentMarked p && is(p.email(), target)) {
      return new SeriesEvent.PaymentMarked(p.at(), p.date(), pseudonym, p.paid());
    } else if (e instanceof SeriesEvent.RoutineChosen r && is(r.email(), target)) {
      return new SeriesEvent.RoutineChosen(r.at(), pseudonym, r.taskId(), r.cadence());
    } else if (e instanceof SeriesEvent.RoutineDropped r && is(r.email(), target)) {
      return new SeriesEvent.RoutineDropped(r.at(), pseudonym, r.taskId());
    } else if (e instanceof SeriesEvent.OutcomesRecorded o && is(o.email(), target)) {
      return new SeriesEvent.OutcomesRecorded(o.at(), o.date(), pseudonym, o.outcomes().stream()
          .map(g -> new GoalOutcome(erased(g.text()), g.taskId(), g.status())).toList());
    } else if (e instanceof SeriesEvent.HelpsRecorded h && is(h.email(), target)) {
      return new SeriesEvent.HelpsRecorded(h.at(), h.date(), pseudonym, h.helps());
    } else if (e instanceof SeriesEvent.PersonalLinksRevoked p && is(p.email(), target)) {
      return new SeriesEvent.PersonalLinksRevoked(p.at(), pseudonym);
    } else if (e instanceof SeriesEvent.LookingForBuddy l && is(l.email(), target)) {
      return new SeriesEvent.LookingForBuddy(l.at(), l.date(), pseudonym);
    } else if (e instanceof SeriesEvent.BuddiesPaired p && (is(p.a(), target) || is(p.b(), target))) {
      return new SeriesEvent.BuddiesPaired(p.at(), p.date(), is(p.a(), target) ? pseudonym : p.a(),
          is(p.b(), target) ? pseudonym : p.b());
    } else if (e instanceof SeriesEvent.BuddyLeft l && is(l.email(), target)) {
      return new SeriesEvent.BuddyLeft(l.at(), l.date(), pseudonym);
    } else if (e instanceof SeriesEvent.BuddyCheckedIn c && is(c.email(), target)) {
      return new SeriesEvent.BuddyCheckedIn(c.at(), c.date(), pseudonym, c.how());
    } else if (e instanceof SeriesEvent.BuddyMailSent m && is(m.email(), target)) {
      return new SeriesEvent.BuddyMailSent(m.at(), m.date(), pseudonym);
    } else if (e instanceof SeriesEvent.PostShared p && is(p.email(), target)) {
      return new SeriesEvent.PostShared(p.at(), p.postId(), p.date(), pseudonym, p.kind(), erased(p.text()),
          p.taskId());
    } else if (e instanceof SeriesEvent.PostCheered p && is(p.email(), target)) {
      return new SeriesEvent.PostCheered(p.at(), p.postId(), pseudonym);
    }
    return e;
  }

  private static boolean is(String email, String target) {
    return SeriesState.normalize(email).equals(target);
  }

  private static String erased(String text) {
    return text.isEmpty() ? text : ERASED;
  }

  /** Whether {@code text} was erased. */
  public static boolean isErased(String text) {
    return ERASED.equals(text);
  }
}
