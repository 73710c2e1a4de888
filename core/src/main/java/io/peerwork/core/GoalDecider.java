package io.peerwork.core;

import static io.peerwork.core.RejectionCode.*;
import static io.peerwork.core.Verdicts.*;

import io.peerwork.core.Command.DeclareGoal;
import io.peerwork.core.Command.EditGoal;
import io.peerwork.core.Command.MarkGoal;
import io.peerwork.core.SessionEvent.GoalDeclared;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionEvent.GoalMarked;
import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.util.Optional;

/** Participants' goals: declaring a goal for a focus block, editing it and marking it. */
final class GoalDecider {
  static final int MAX_GOALS_PER_BLOCK = 10;

  private final SessionEngine engine;

  GoalDecider(SessionEngine engine) {
    this.engine = engine;
  }

  Decision declareGoal(SessionState s, DeclareGoal cmd, Instant at) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireRole(s, cmd.actor(), Role.PARTICIPANT);
    }
    if (denied != null) {
      return denied;
    }
    Decision refused = refuse(TextRules.Field.GOAL, cmd.text(), INVALID_GOAL_TEXT);
    if (refused != null) {
      return refused;
    }
    Optional<TopicFormat> known = engine.formats().find(s.requirePlan().formatId());
    if (known.isEmpty()) {
      return formatGone(s);
    }
    TopicFormat format = known.get();
    if (cmd.taskId().isPresent() && format.task(cmd.taskId().get()).isEmpty()) {
      return reject(UNKNOWN_TASK, "format '" + format.id() + "' has no task '" + cmd.taskId().get() + "'");
    }
    int from = s.currentPhase().map(CurrentPhase::index).orElse(0);
    int block = s.requirePlan().agenda().focusBlockAtOrAfter(from);
    if (block < 0) {
      return reject(NO_FOCUS_BLOCK_AHEAD, "no focus block is running or still to come");
    }
    if (s.goalCount(cmd.actor(), block) >= MAX_GOALS_PER_BLOCK) {
      return reject(TOO_MANY_GOALS, "at most " + MAX_GOALS_PER_BLOCK + " goals per focus block");
    }
    GoalId id = new GoalId("g" + (s.goalCount() + 1));
    return accept(new GoalDeclared(at, id, cmd.actor(), block, TextRules.normalize(cmd.text()), cmd.taskId()));
  }

  Decision editGoal(SessionState s, EditGoal cmd, Instant at) {
    Decision denied = ownGoal(s, cmd.actor(), cmd.goal());
    if (denied != null) {
      return denied;
    }
    Decision refused = refuse(TextRules.Field.GOAL, cmd.text(), INVALID_GOAL_TEXT);
    if (refused != null) {
      return refused;
    }
    String text = TextRules.normalize(cmd.text());
    return s.goal(cmd.goal()).orElseThrow().text().equals(text)
        ? accept()
        : accept(new GoalEdited(at, cmd.goal(), text));
  }

  Decision markGoal(SessionState s, MarkGoal cmd, Instant at) {
    Decision denied = ownGoal(s, cmd.actor(), cmd.goal());
    if (denied != null) {
      return denied;
    }
    return s.goal(cmd.goal()).orElseThrow().status() == cmd.status()
        ? accept()
        : accept(new GoalMarked(at, cmd.goal(), cmd.status()));
  }

  private Decision ownGoal(SessionState s, ParticipantId actor, GoalId goalId) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireRole(s, actor, Role.PARTICIPANT);
    }
    if (denied != null) {
      return denied;
    }
    Optional<Goal> goal = s.goal(goalId);
    if (goal.isEmpty()) {
      return reject(UNKNOWN_GOAL, "no goal " + goalId);
    }
    if (!goal.get().owner().equals(actor)) {
      return reject(NOT_YOUR_GOAL, "goal " + goalId + " is " + goal.get().owner() + "'s");
    }
    return null;
  }
}
