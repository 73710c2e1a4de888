package io.peerwork.simulator.internal;

import io.peerwork.core.GoalStatus;
import io.peerwork.core.Recap;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.core.series.BuddyMood;
import io.peerwork.core.series.GoalOutcome;
import io.peerwork.core.series.HelpTally;
import io.peerwork.core.series.Place;
import io.peerwork.core.series.Recurrence;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesDate;
import io.peerwork.core.series.SeriesDecision;
import io.peerwork.core.series.SeriesEngine;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesPlan;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.series.WallPost;
import io.peerwork.core.FormatRegistry;
import io.peerwork.testkit.SessionSimulator;
import io.peerwork.testkit.Simulation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * A monthly series of a format over some months, everything between the sessions included: people
 * register and choose routines, each month's session is simulated ({@link SessionSimulator}) and its
 * outcomes recorded in the series; afterwards some share wins (from goals they got done) and tips
 * (for a task), others cheer them; people look for a buddy and pair up, and at mid-month they check
 * in. The same options give the same series. {@link SeriesPrinter} writes what came of it.
 */
public final class SeriesSimulation {
  private static final SeriesId ID = SeriesId.of("simulated");
  private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
  /** Tips people give, per language: the task's title is added. */
  private static final List<String> TIPS_DE = List.of("Vorlage einmal bauen, jeden Monat kopieren",
      "Mit dem Kleinsten anfangen, dann läuft es", "Ein fester Termin im Kalender hilft mir am meisten");
  private static final List<String> TIPS_EN = List.of("Build a template once, copy it every month",
      "Start with the smallest part, then it flows", "A fixed slot in my calendar helps me most");

  private final TopicFormat format;
  private final int participants;
  private final int experts;
  private final long seed;
  private final String language;
  private final int months;
  private final SeriesEngine engine;
  private final List<Simulation> sessions = new ArrayList<>();
  private final List<String> surprises = new ArrayList<>();
  private SeriesState state = SeriesState.initial(ID);
  private Instant now;

  /** A series of {@code format} with {@code participants} people over {@code months} months. */
  public SeriesSimulation(TopicFormat format, int participants, int experts, long seed, String language, int months) {
    this.format = format;
    this.participants = participants;
    this.experts = experts;
    this.seed = seed;
    this.language = language;
    this.months = months;
    this.engine = new SeriesEngine(FormatRegistry.of(format));
  }

  /** What came of a simulated series: its final state, the sessions, and any surprise of the engine. */
  public record Result(TopicFormat format, String language, SeriesState state, List<LocalDate> dates,
      List<String> people, List<Simulation> sessions, List<String> surprises) {
    /** Whether the engines answered every command as the simulation expected. */
    public boolean asExpected() {
      return surprises.isEmpty() && sessions.stream().allMatch(Simulation::asExpected);
    }
  }

  /** Runs the series from its first date to the month after its last. */
  public Result run() {
    Random random = new Random(seed);
    LocalDate first = LocalDate.of(2030, 1, 1);
    now = first.minusDays(20).atTime(10, 0).atZone(VIENNA).toInstant();
    apply(new SeriesCommand.CreateSeries(new SeriesPlan(ID, format.id(),
        format.name().in(language) + (language.equals("de") ? " (simuliert)" : " (simulated)"),
        new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4)), VIENNA,
        Math.max(participants, 1), List.of("Eva"), new Place(Optional.of("Gumpendorfer Straße 12, 1060 Wien"),
        Optional.empty()))));
    List<LocalDate> dates = state.dates(first, first.plusMonths(months + 1)).stream().map(SeriesDate::key)
        .limit(months).toList();
    List<String> people = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    for (int m = 0; m < dates.size(); m++) {
      LocalDate key = dates.get(m);
      SeriesDate date = state.date(key).orElseThrow();
      Simulation sim = SessionSimulator.of(format).withParticipants(participants).withExperts(experts)
          .withSeed(seed * 31 + m).withLanguage(language).withStart(date.start().toInstant()).run();
      sessions.add(sim);
      List<Recap.ParticipantRecap> recaps = sim.recap().participants();
      if (m == 0) {
        // The same people every month: named as the first session names them.
        for (int i = 0; i < recaps.size(); i++) {
          people.add(recaps.get(i).displayName());
          emails.add(recaps.get(i).displayName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + "@p" + i
              + ".example.org");
        }
      }
      // Before the date: everyone registers; at the first, each picks one or two routines.
      now = date.start().toInstant().minus(Duration.ofDays(10));
      for (int i = 0; i < emails.size(); i++) {
        apply(new SeriesCommand.Register(key, people.get(i), emails.get(i), language, Optional.empty()));
        if (m == 0) {
          List<RecurringTask> tasks = format.tasks();
          int count = 1 + random.nextInt(2);
          for (int r = 0; r < count && r < tasks.size(); r++) {
            RecurringTask task = tasks.get((i + r * 3) % tasks.size());
            apply(new SeriesCommand.ChooseRoutine(emails.get(i), task.id(), task.cadence()));
          }
        }
      }
      // The session: check-in at the start, outcomes at the end, from the simulated session's recap.
      now = date.start().toInstant().plus(Duration.ofMinutes(5));
      for (String email : emails) {
        apply(new SeriesCommand.CheckIn(key, email));
      }
      now = date.end().toInstant();
      for (int i = 0; i < emails.size() && i < recaps.size(); i++) {
        Recap.ParticipantRecap mine = recaps.get(i);
        var outcomes = mine.goals().stream().map(g -> new GoalOutcome(g.text(), g.taskId(), g.status())).toList();
        apply(new SeriesCommand.RecordOutcomes(key, emails.get(i), outcomes,
            new HelpTally(mine.helpsReceived(), mine.peerHelpsGiven())));
      }
      // After the session: wins and tips, opted in one by one, and cheers.
      now = date.end().toInstant().plus(Duration.ofHours(3));
      for (int i = 0; i < emails.size(); i++) {
        Optional<GoalOutcome> done = state.outcomes(emails.get(i), key).orElse(List.of()).stream()
            .filter(o -> o.status() == GoalStatus.DONE).findFirst();
        if (done.isPresent() && random.nextInt(3) > 0) {
          apply(new SeriesCommand.SharePost(key, emails.get(i), WallPost.Kind.WIN, done.get().text(),
              done.get().taskId()));
        }
        if (random.nextInt(4) == 0 && !format.tasks().isEmpty()) {
          RecurringTask task = format.tasks().get(random.nextInt(format.tasks().size()));
          List<String> tips = language.equals("de") ? TIPS_DE : TIPS_EN;
          apply(new SeriesCommand.SharePost(key, emails.get(i), WallPost.Kind.TIP,
              tips.get(random.nextInt(tips.size())), Optional.of(task.id())));
        }
      }
      for (int i = 0; i < emails.size(); i++) {
        for (WallPost p : state.wall(emails.get(i))) {
          if (!p.email().equals(emails.get(i)) && p.date().equals(key) && random.nextInt(2) == 0) {
            apply(new SeriesCommand.CheerPost(p.id(), emails.get(i)));
          }
        }
      }
      // Buddies for the month: about half look for one; those looking pair up two by two.
      List<String> looking = new ArrayList<>();
      for (String email : emails) {
        if (random.nextBoolean()) {
          apply(new SeriesCommand.LookForBuddy(key, email));
          looking.add(email);
        }
      }
      for (int i = 0; i + 1 < looking.size(); i += 2) {
        apply(new SeriesCommand.PairBuddies(key, looking.get(i), looking.get(i + 1)));
      }
      // Mid-month: the mail goes out, and most answer it with one tap.
      Optional<Instant> middle = state.buddyMidMonth(key);
      if (middle.isPresent()) {
        now = middle.get().plus(Duration.ofHours(1));
        for (var due : state.buddyMailsDue(now)) {
          apply(new SeriesCommand.RecordBuddyMail(due.date(), due.email()));
          if (random.nextInt(5) > 0) {
            BuddyMood[] moods = BuddyMood.values();
            apply(new SeriesCommand.BuddyCheckIn(due.date(), due.email(), moods[random.nextInt(moods.length)]));
          }
        }
      }
    }
    return new Result(format, language, state, dates, List.copyOf(people), List.copyOf(sessions),
        List.copyOf(surprises));
  }

  private void apply(SeriesCommand c) {
    SeriesDecision d = engine.decide(state, c, now);
    if (!d.isAccepted()) {
      surprises.add(c.getClass().getSimpleName() + ": " + d);
      return;
    }
    for (SeriesEvent e : d.events()) {
      state = engine.evolve(state, e);
    }
  }

}
