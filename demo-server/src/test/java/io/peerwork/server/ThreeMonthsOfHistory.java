package io.peerwork.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.GoalStatus;
import io.peerwork.core.series.GoalOutcome;
import io.peerwork.core.series.HelpTally;
import io.peerwork.core.series.InMemorySeriesJournal;
import io.peerwork.core.series.Outbox;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A monthly series with three months of history, for the charts' and exports' tests: Anna (German)
 * took a monthly routine and came in January, February and March 2030; Bernd did not come in
 * January and came in February; April's date was cancelled. The registrations, the routine and the
 * cancellation go through the HTTP API; what a session's end records (check-ins, no-shows, outcomes,
 * helps) is appended to the series' journal while the server is down, as the rooms would have, and
 * the server is started again on 10 April 2030.
 */
@SuppressWarnings("try") // close() may be interrupted; a test that closes it is itself interrupted then
final class ThreeMonthsOfHistory implements AutoCloseable {
  static final LocalDate JAN = LocalDate.of(2030, 1, 1);
  static final LocalDate FEB = LocalDate.of(2030, 2, 5);
  static final LocalDate MAR = LocalDate.of(2030, 3, 5);
  static final LocalDate APR = LocalDate.of(2030, 4, 2);
  /** A goal that a spreadsheet would take for a formula, were it not guarded. */
  static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"klick\")";
  static final String GREETING = "Grüße an Jörg, später";
  static final String APRIL_REASON = "-Feiertag; Ostern früher";

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2029-12-10T10:00:00Z"));
  final Mailbox mail = new Mailbox();
  final SeriesJournal journal = new InMemorySeriesJournal();
  final Path data;
  TestServer t;
  String seriesId;
  String hostKey;
  String anna;
  String bernd;

  ThreeMonthsOfHistory(String annasLanguage) throws Exception {
    data = Files.createTempDirectory("peerwork-charts");
    start();
    TestServer.Response created = t.post("/api/series", """
        {"formatId":"test-kitchen","title":"Küche am Dienstag","zone":"Europe/Vienna","capacity":2,
         "place":{"address":"Gumpendorfer Straße 12, 1060 Wien"},
         "recurrence":{"type":"MonthlyWeekday","ordinal":1,"day":"TUESDAY","start":"09:00","length":"PT4H"}}""");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    seriesId = created.body().path("seriesId").asText();
    hostKey = created.body().path("hostKey").asText();
    anna = mail.register(t, seriesId, JAN.toString(), "Anna Öztürk", "anna@example.org", annasLanguage)
        .body().path("token").asText();
    bernd = mail.register(t, seriesId, JAN.toString(), "Bernd", "bernd@example.org", "de").body().path("token").asText();
    for (LocalDate d : List.of(FEB, MAR)) {
      assertThat(t.post("/api/series/" + seriesId + "/me/registrations", "{\"date\":\"" + d + "\"}", anna).status())
          .isEqualTo(201);
    }
    assertThat(t.post("/api/series/" + seriesId + "/me/registrations", "{\"date\":\"" + FEB + "\"}", bernd).status())
        .isEqualTo(201);
    assertThat(t.post("/api/series/" + seriesId + "/me/routines", "{\"taskId\":\"plan-posts\"}", anna).status())
        .isEqualTo(200);
    assertThat(t.post("/api/series/" + seriesId + "/dates/" + APR + "/cancel",
        "{\"reason\":\"" + APRIL_REASON + "\"}", hostKey).status()).isEqualTo(200);
    t.close();

    SeriesId id = SeriesId.of(seriesId);
    var events = new ArrayList<SeriesEvent>();
    String a = "anna@example.org";
    String b = "bernd@example.org";
    Instant jan = Instant.parse("2030-01-01T12:00:00Z");
    events.add(new SeriesEvent.CheckedIn(jan, JAN, a));
    events.add(new SeriesEvent.NoShowRecorded(jan, JAN, b));
    events.add(new SeriesEvent.OutcomesRecorded(jan, JAN, a, List.of(goal(FORMULA, GoalStatus.DONE),
        posts(GoalStatus.DONE), goal("Impressum prüfen", GoalStatus.PARTLY_DONE))));
    events.add(new SeriesEvent.HelpsRecorded(jan, JAN, a, new HelpTally(1, 0)));
    Instant feb = Instant.parse("2030-02-05T12:00:00Z");
    events.add(new SeriesEvent.OutcomesRecorded(feb, FEB, a, List.of(goal("Impressum prüfen", GoalStatus.DONE),
        goal("Newsletter", GoalStatus.CARRIED_OVER), posts(GoalStatus.PARTLY_DONE))));
    events.add(new SeriesEvent.HelpsRecorded(feb, FEB, a, new HelpTally(0, 2)));
    events.add(new SeriesEvent.CheckedIn(feb, FEB, b));
    events.add(new SeriesEvent.OutcomesRecorded(feb, FEB, b, List.of(goal("Fotos", GoalStatus.DONE))));
    Instant mar = Instant.parse("2030-03-05T12:00:00Z");
    events.add(new SeriesEvent.OutcomesRecorded(mar, MAR, a, List.of(posts(GoalStatus.DONE),
        goal(GREETING, GoalStatus.DONE))));
    events.add(new SeriesEvent.HelpsRecorded(mar, MAR, a, new HelpTally(2, 1)));
    journal.append(id, journal.version(id), events);

    now.set(Instant.parse("2030-04-10T10:00:00Z"));
    start();
  }

  private static GoalOutcome goal(String text, GoalStatus status) {
    return new GoalOutcome(text, Optional.empty(), status);
  }

  private static GoalOutcome posts(GoalStatus status) {
    return new GoalOutcome("Beiträge planen", Optional.of("plan-posts"), status);
  }

  private void start() throws Exception {
    t = new TestServer(ServerConfig.defaults().withPort(0).withSeedDemo(false).withDataDirectory(data),
        List.of(binder -> {
          binder.bind(Clock.class).toInstance(new TestClock(now));
          binder.bind(Outbox.class).toInstance(mail);
          binder.bind(SeriesJournal.class).toInstance(journal);
        }));
  }

  @Override
  public void close() throws Exception {
    if (t != null) {
      t.close();
      t = null;
    }
  }
}
