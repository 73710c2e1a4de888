package org.example.modular;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerwork.calendar.CalendarFeeds;
import io.peerwork.core.Command;
import io.peerwork.core.Decision;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.series.Place;
import io.peerwork.core.series.Recurrence;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesDecision;
import io.peerwork.core.series.SeriesEngine;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesPlan;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.guice.PeerworkModule;
import io.peerwork.jackson.PeerworkJackson;
import io.peerwork.jdbc.JdbcEventJournal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Uses each of Peerwork's libraries as a Java module, started with {@code java --module-path … --module
 * org.example.modular/org.example.modular.ModularApp}: the formats come in as services, Guice wires the
 * engine, a session runs on an H2 journal that Flyway creates, its events go through Jackson and
 * back, and a series' calendar feed is written. It stops with an exception at the first thing that
 * does not work.
 */
public final class ModularApp {
  private ModularApp() {}

  public static void main(String[] args) throws Exception {
    // 1. Everything is a named module: nothing came in through the class path.
    for (Class<?> c : List.of(ModularApp.class, FormatRegistry.class, PeerworkJackson.class, JdbcEventJournal.class,
        CalendarFeeds.class, PeerworkModule.class)) {
      check(c.getModule().isNamed(), c.getName() + " is in no named module");
      System.out.println("modular: " + c.getSimpleName() + " in module " + c.getModule().getName());
    }

    // 2. The formats are services of their modules (`provides`), found by core (`uses`).
    FormatRegistry formats = FormatRegistry.discover(ModularApp.class.getClassLoader());
    check(formats.ids().size() >= 3, "expected the three shipped formats, found " + formats.ids());
    for (TopicFormat f : formats.all()) {
      String module = f.getClass().getModule().getName();
      check(module != null && module.startsWith("io.peerwork.formats."), f.id() + " is in module " + module);
      // Its texts are read from its module by core, in both languages.
      check(!f.name().in("de").isBlank() && !f.name().in("en").isBlank(),
          f.id() + " has no name");
      System.out.println("modular: format " + f.id() + " from module " + module + " (" + f.name().in("de") + ")");
    }

    // 3. Guice builds the engine from the same services.
    Injector injector = Guice.createInjector(new PeerworkModule(), PeerworkModule.discoveredFormats());
    SessionEngine engine = injector.getInstance(SessionEngine.class);
    check(engine.formats().ids().equals(formats.ids()), "Guice bound " + engine.formats().ids());
    System.out.println("modular: Guice made the engine with " + engine.formats().ids());

    // 4. A session on an H2 journal: Flyway finds the migrations in the jdbc module.
    TopicFormat kitchen = formats.require("social-media-kitchen");
    SessionId id = SessionId.of("modular-1");
    Instant now = Instant.now();
    try (JdbcEventJournal journal = JdbcEventJournal.builder("jdbc:h2:mem:modular;DB_CLOSE_DELAY=-1").open()) {
      LiveSession session = LiveSession.load(engine, journal, id);
      ParticipantId host = ParticipantId.of("hanna");
      ParticipantId ana = ParticipantId.of("ana");
      accept(session, new Command.ScheduleSession(new SessionPlan(id, kitchen.id(), "Social Media Küche", now,
          ZoneId.of("Europe/Vienna"), kitchen.defaultCapacity(), kitchen.agenda(), kitchen.defaultQueuePolicy())), now);
      accept(session, new Command.Join(host, "Hanna", Role.HOST), now);
      accept(session, new Command.Tick(), now);
      accept(session, new Command.Join(ana, "Ana", Role.PARTICIPANT), now);
      accept(session, new Command.StartSession(host), now);
      accept(session, new Command.DeclareGoal(ana, "Posts für März planen", Optional.empty()), now);

      // 5. Its events, as stored, through Jackson and back.
      ObjectMapper json = PeerworkJackson.newObjectMapper();
      List<RecordedEvent> stored = journal.read(id, 0);
      check(stored.size() == session.state().version(), "the journal holds " + stored.size() + " events");
      for (RecordedEvent r : stored) {
        String text = json.writeValueAsString(r.event());
        SessionEvent back = json.readValue(text, SessionEvent.class);
        check(back.equals(r.event()), "Jackson read back " + back + " for " + r.event());
      }
      System.out.println("modular: " + stored.size() + " events stored in H2 and read back through Jackson");
    }

    // 6. A series' calendar feed (ical4j, in the calendar module).
    SeriesEngine series = new SeriesEngine(formats);
    SeriesId seriesId = SeriesId.of("smk-wien");
    SeriesState state = SeriesState.initial(seriesId);
    SeriesDecision d = series.decide(state, new SeriesCommand.CreateSeries(new SeriesPlan(seriesId, kitchen.id(),
        "Social Media Kitchen Wien",
        new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4)),
        ZoneId.of("Europe/Vienna"), 12, List.of("Eva"), new Place(Optional.of("Wien"), Optional.empty()))), now);
    check(d.isAccepted(), "CreateSeries: " + d);
    for (SeriesEvent e : d.events()) {
      state = series.evolve(state, e);
    }
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Vienna"));
    String feed = CalendarFeeds.series(state, kitchen, "de", today, today.plusMonths(3));
    check(feed.startsWith("BEGIN:VCALENDAR") && feed.contains("BEGIN:VEVENT"), "the feed is " + feed);
    System.out.println("modular: the series' calendar feed has "
        + (feed.split("BEGIN:VEVENT", -1).length - 1) + " dates");
    System.out.println("modular: every Peerwork library ran as a named module");
  }

  private static void accept(LiveSession session, Command command, Instant now) {
    Decision d = session.handle(command, now).decision();
    check(!(d instanceof Decision.Rejected), command.getClass().getSimpleName() + " was rejected: " + d);
  }

  private static void check(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalStateException(problem);
    }
  }
}
