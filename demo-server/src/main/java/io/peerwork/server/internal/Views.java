package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.CurrentPhase;
import io.peerwork.core.Goal;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.HelpQueueView;
import io.peerwork.core.HelpRequest;
import io.peerwork.core.LocalizedText;
import io.peerwork.core.Member;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseRun;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.SessionState;
import io.peerwork.core.TaskResource;
import io.peerwork.core.spi.HelpTopic;
import io.peerwork.core.spi.RecurringTask;
import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.util.List;

/** JSON views of formats and session states, as the HTTP API and the live protocol show them. */
public final class Views {
  private final ObjectMapper json;

  public Views(ObjectMapper json) {
    this.json = json;
  }

  /** A text as {@code {"de": ..., "en": ...}}. */
  public ObjectNode text(LocalizedText t) {
    ObjectNode n = json.createObjectNode();
    t.byLanguage().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> n.put(e.getKey(), e.getValue()));
    return n;
  }

  /** A format with its agenda, catalogue and help topics. */
  public ObjectNode format(TopicFormat f) {
    ObjectNode n = json.createObjectNode();
    n.put("id", f.id());
    n.set("name", text(f.name()));
    n.set("description", text(f.description()));
    n.set("agenda", agenda(f.agenda().phases()));
    n.put("defaultCapacity", f.defaultCapacity());
    n.put("defaultQueuePolicy", f.defaultQueuePolicy());
    ArrayNode tasks = n.putArray("tasks");
    for (RecurringTask t : f.tasks()) {
      ObjectNode tn = tasks.addObject();
      tn.put("id", t.id());
      tn.set("title", text(t.title()));
      tn.set("description", text(t.description()));
      tn.put("cadence", t.cadence().name());
      ArrayNode steps = tn.putArray("checklist");
      t.checklist().forEach(s -> steps.add(text(s)));
      ArrayNode topics = tn.putArray("helpTopics");
      t.helpTopicIds().forEach(topics::add);
      List<TaskResource> shipped = f.defaultResources(t.id());
      if (!shipped.isEmpty()) { // what the format ships; a series may have its own ("resources" frames)
        tn.set("resources", resources(shipped));
      }
    }
    ArrayNode topics = n.putArray("helpTopics");
    for (HelpTopic t : f.helpTopics()) {
      ObjectNode tn = topics.addObject();
      tn.put("id", t.id());
      tn.set("name", text(t.name()));
      tn.set("description", text(t.description()));
      f.helpTimeBox(t.id()).ifPresent(b -> tn.put("timeBoxMinutes", b.toMinutes()));
    }
    n.put("raiseAgainAfterMinutes", f.raiseAgainAfter().toMinutes());
    ObjectNode hints = n.putObject("phaseHints");
    for (var kind : io.peerwork.core.PhaseKind.values()) {
      f.phaseHint(kind).ifPresent(h -> hints.set(kind.name(), text(h)));
    }
    return n;
  }

  /**
   * Resources of one task as {@code [{"title":{...},"link":"https://...","checklist":[{...}]}]}, the
   * link left out when there is none.
   */
  public ArrayNode resources(List<TaskResource> list) {
    ArrayNode a = json.createArrayNode();
    for (TaskResource r : list) {
      ObjectNode rn = a.addObject();
      rn.set("title", text(r.title()));
      r.link().ifPresent(l -> rn.put("link", l));
      ArrayNode items = rn.putArray("checklist");
      r.checklist().forEach(item -> items.add(text(item)));
    }
    return a;
  }

  /**
   * The resources of a series' tasks (only those that have any, in the catalogue's order) as {@code
   * {"<taskId>":[...], ...}}: {@link io.peerwork.core.series.SeriesState#resources(TopicFormat)}.
   */
  public ObjectNode resourcesByTask(java.util.Map<String, List<TaskResource>> byTask) {
    ObjectNode n = json.createObjectNode();
    byTask.forEach((task, list) -> n.set(task, resources(list)));
    return n;
  }

  /**
   * A series' resources per task: {@code {"seriesId":..., "tasks":{"<taskId>":[...]}, "curated":[ids
   * of the tasks whose resources were set in the series rather than shipped by the format]}}.
   */
  public ObjectNode seriesResources(io.peerwork.core.series.SeriesState s, TopicFormat format) {
    ObjectNode n = json.createObjectNode();
    n.put("seriesId", s.id().value());
    n.set("tasks", resourcesByTask(s.resources(format)));
    ArrayNode curated = n.putArray("curated");
    format.tasks().forEach(t -> s.curatedResources(t.id()).ifPresent(x -> curated.add(t.id())));
    return n;
  }

  ArrayNode agenda(List<Phase> phases) {
    ArrayNode a = json.createArrayNode();
    for (int i = 0; i < phases.size(); i++) {
      ObjectNode p = a.addObject();
      p.put("index", i);
      p.put("kind", phases.get(i).kind().name());
      p.put("minutes", phases.get(i).planned().toMinutes());
    }
    return a;
  }

  /** What anyone may know about a session before joining. */
  public ObjectNode publicInfo(SessionState s) {
    return publicInfo(RoomReply.PublicInfo.of(s));
  }

  ObjectNode publicInfo(RoomReply.PublicInfo info) {
    ObjectNode n = json.createObjectNode();
    n.put("sessionId", info.sessionId());
    n.put("title", info.title());
    n.put("formatId", info.formatId());
    n.put("status", info.status().name());
    n.put("plannedStart", info.plannedStart().toString());
    n.put("zone", info.zone());
    n.put("capacity", info.capacity());
    n.put("participantsPresent", info.participantsPresent());
    n.set("agenda", agenda(info.agenda()));
    return n;
  }

  /**
   * Everything a room's page shows, at the state's version. Encoded once per room and audience:
   * {@code staff} (hosts, experts) also see the notes of help requests.
   */
  public ObjectNode room(SessionState s, HelpQueueView q, Instant now, boolean staff) {
    ObjectNode n = publicInfo(s);
    n.put("seq", s.version());
    n.put("serverTime", now.toString());
    s.startedAt().ifPresent(t -> n.put("startedAt", t.toString()));
    s.endedAt().ifPresent(t -> n.put("endedAt", t.toString()));
    if (s.currentPhase().isPresent()) {
      CurrentPhase c = s.currentPhase().get();
      ObjectNode cn = n.putObject("current");
      cn.put("index", c.index());
      cn.put("kind", c.phase().kind().name());
      cn.put("startedAt", c.startedAt().toString());
      cn.put("endsAt", c.endsAt().toString());
    } else {
      n.putNull("current");
    }
    s.nextDeadline().ifPresent(d -> n.put("nextDeadline", d.toString()));
    n.put("noShowMinutes", s.noShowMinutes());
    ArrayNode done = n.putArray("completedPhases");
    for (PhaseRun r : s.completedPhases()) {
      ObjectNode rn = done.addObject();
      rn.put("index", r.index());
      rn.put("startedAt", r.startedAt().toString());
      rn.put("endedAt", r.endedAt().toString());
    }
    ArrayNode members = n.putArray("members");
    for (Member m : s.members().values()) {
      ObjectNode mn = members.addObject();
      mn.put("id", m.id().value());
      mn.put("name", m.displayName());
      mn.put("role", m.role().name());
      mn.put("present", m.isPresent());
      if (s.isRemoved(m.id())) {
        mn.put("removed", true);
      }
      mn.put("helpsReceived", s.helpsReceived(m.id()));
      s.helpPlace(m.id()).ifPresent(p -> mn.put("helpPlace", p));
      topics(mn, "topics", s.expertTopics().get(m.id()));
      topics(mn, "peerTopics", s.peerOffers().get(m.id()));
      int given = s.peerHelpsGiven(m.id());
      if (given > 0) {
        mn.put("peerHelpsGiven", given);
      }
    }
    s.announcement().ifPresent(a -> {
      ObjectNode an = n.putObject("announcement");
      an.put("text", a.text());
      an.put("audience", a.audience().name());
      an.put("by", a.by().value());
      an.put("at", a.at().toString());
    });
    ArrayNode goals = n.putArray("goals");
    for (Goal g : s.goals()) {
      ObjectNode gn = goals.addObject();
      gn.put("id", g.id().value());
      gn.put("owner", g.owner().value());
      gn.put("focusBlock", g.focusBlock());
      gn.put("text", g.text());
      g.taskId().ifPresent(t -> gn.put("taskId", t));
      gn.put("status", g.status().name());
    }
    ObjectNode progress = n.putObject("progress");
    progress.put("goalsDeclared", s.goals().size());
    progress.put("goalsDone", s.goals().stream().filter(g -> g.status() == GoalStatus.DONE).count());
    progress.put("goalsPartlyDone", s.goals().stream().filter(g -> g.status() == GoalStatus.PARTLY_DONE).count());
    progress.put("helpsGiven", q.helpsFinished());
    progress.put("requestsOpen", q.waiting().size() + q.inProgress().size());
    progress.put("peerHelps", s.requests().stream()
        .filter(r -> r.status() == HelpRequest.Status.FINISHED && r.byPeer()).count());
    progress.put("holds", s.requests().stream().mapToInt(HelpRequest::holds).sum());
    ObjectNode qn = n.putObject("queue");
    qn.put("status", s.queueState().status().name());
    qn.put("reason", s.queueState().reason());
    s.queueState().by().ifPresent(b -> qn.put("statusBy", b.value()));
    s.queueState().since().ifPresent(t -> qn.put("statusSince", t.toString()));
    qn.put("typicalHelpSeconds", q.typicalHelpTime().toSeconds());
    qn.put("expertsPresent", q.expertsPresent());
    ArrayNode waiting = qn.putArray("waiting");
    for (HelpQueueView.Entry e : q.waiting()) {
      ObjectNode en = request(e.request(), staff);
      en.put("place", e.place());
      e.estimatedWait().ifPresent(w -> {
        // Whole minutes, rounded outwards: the range never claims more precision than it has.
        en.put("waitLowMinutes", w.low().toMinutes());
        en.put("waitHighMinutes", (w.high().toSeconds() + 59) / 60);
      });
      e.peer().ifPresent(p -> en.put("peer", p.value()));
      waiting.add(en);
    }
    ArrayNode inProgress = qn.putArray("inProgress");
    q.inProgress().forEach(r -> inProgress.add(request(r, staff)));
    ArrayNode onHold = qn.putArray("onHold");
    q.onHold().forEach(r -> onHold.add(request(r, staff)));
    ArrayNode finished = qn.putArray("finished");
    for (HelpRequest r : s.requests()) {
      if (r.status() == HelpRequest.Status.FINISHED) {
        ObjectNode fn = request(r, staff);
        r.closedAt().ifPresent(t -> fn.put("closedAt", t.toString()));
        r.outcome().ifPresent(o -> fn.put("outcome", o.name()));
        ArrayNode rated = fn.putArray("ratedBy");
        r.ratings().forEach(x -> rated.add(x.participant().value()));
        if (staff) {
          ObjectNode answers = fn.putObject("ratings");
          r.ratings().forEach(x -> answers.put(x.participant().value(), x.answer().name()));
        }
        finished.add(fn);
      }
    }
    return n;
  }

  private static void topics(ObjectNode n, String field, List<String> topics) {
    if (topics != null && !topics.isEmpty()) {
      ArrayNode a = n.putArray(field);
      topics.forEach(a::add);
    }
  }

  private ObjectNode request(HelpRequest r, boolean staff) {
    ObjectNode n = json.createObjectNode();
    n.put("id", r.id().value());
    n.put("participant", r.participant().value());
    n.put("topicId", r.topicId());
    if (staff) {
      n.put("note", r.note());
    }
    n.put("raisedAt", r.raisedAt().toString());
    n.put("status", r.status().name());
    r.expert().ifPresent(x -> n.put("expert", x.value()));
    r.claimedAt().ifPresent(x -> n.put("claimedAt", x.toString()));
    if (r.byPeer()) {
      n.put("byPeer", true);
    }
    if (!r.earlierHelp().isZero()) {
      n.put("earlierHelpSeconds", r.earlierHelp().toSeconds());
    }
    if (r.holds() > 0) {
      n.put("holds", r.holds());
    }
    r.heldUntil().ifPresent(x -> n.put("heldUntil", x.toString()));
    r.returnedAt().ifPresent(x -> n.put("returnedAt", x.toString()));
    if (r.isGroup()) {
      ArrayNode group = n.putArray("group");
      for (HelpRequest.Companion c : r.group()) {
        ObjectNode cn = group.addObject();
        cn.put("participant", c.participant().value());
        if (staff) {
          cn.put("note", c.note());
        }
        cn.put("joinedAt", c.joinedAt().toString());
      }
    }
    return n;
  }
}
