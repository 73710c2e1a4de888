package io.peerwork.core.series;

import io.peerwork.core.PlanningWindow;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.TextRules;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * What {@link SeriesEngine} checks in a {@link SeriesPlan} before it is stored: its texts by {@link
 * TextRules} (title, experts' names, the place's address and link) and, for a list of dates, that
 * every date lies in the {@link PlanningWindow}. Plans already stored are not checked again: their
 * records validate only what they always did, so old journals still load.
 */
final class SeriesPlanRules {
  private SeriesPlanRules() {}

  /** Null if {@code plan} may be created at {@code now}; else the rejection. */
  static SeriesDecision refusal(SeriesPlan plan, Instant now) {
    SeriesDecision refused = text(TextRules.Field.TITLE, plan.title(), RejectionCode.INVALID_TITLE);
    for (int i = 0; refused == null && i < plan.experts().size(); i++) {
      refused = text(TextRules.Field.NAME, plan.experts().get(i), RejectionCode.INVALID_NAME);
    }
    if (refused == null && plan.place().address().isPresent()) {
      refused = text(TextRules.Field.ADDRESS, plan.place().address().get(), RejectionCode.INVALID_ADDRESS);
    }
    if (refused == null && plan.place().onlineLink().isPresent()) {
      refused = text(TextRules.Field.LINK, plan.place().onlineLink().get(), RejectionCode.INVALID_LINK);
    }
    if (refused == null && plan.recurrence() instanceof Recurrence.Dates dates) {
      for (LocalDateTime start : dates.starts()) {
        if (!PlanningWindow.contains(start, now)) {
          return SeriesDecision.Rejected.of(RejectionCode.DATE_OUT_OF_RANGE, "a date lies between "
              + PlanningWindow.EARLIEST + " and " + PlanningWindow.latest(now) + ", not " + start);
        }
      }
    }
    return refused;
  }

  /** {@code plan} with its texts {@linkplain TextRules#normalize normalized}, as it is stored. */
  static SeriesPlan normalized(SeriesPlan plan) {
    return new SeriesPlan(plan.id(), plan.formatId(), TextRules.normalize(plan.title()), plan.recurrence(),
        plan.zone(), plan.capacity(), plan.experts().stream().map(TextRules::normalize).toList(),
        new Place(plan.place().address().map(TextRules::normalize), plan.place().onlineLink().map(TextRules::normalize)),
        plan.retentionMonths());
  }

  /** Null if {@code text} is fine for {@code field}; else a rejection with {@code code}. */
  static SeriesDecision text(TextRules.Field field, String text, RejectionCode code) {
    return TextRules.check(field, text)
        .map(p -> (SeriesDecision) SeriesDecision.Rejected.of(code, TextRules.describe(field, p)))
        .orElse(null);
  }
}
