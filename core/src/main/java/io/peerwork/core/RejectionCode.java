package io.peerwork.core;

/**
 * Why a command was rejected. The names are stable: clients, logs and translations key on them,
 * so a code is never renamed or reused for another meaning.
 */
public enum RejectionCode {
  /** The command needs a scheduled session, and this one has no events yet. */
  SESSION_NOT_FOUND,
  /** {@link Command.ScheduleSession} for a session that already exists. */
  SESSION_ALREADY_EXISTS,
  /** The plan names a format that is not registered. */
  UNKNOWN_FORMAT,
  /** The plan names a queue policy that is not registered. */
  UNKNOWN_QUEUE_POLICY,
  /** The plan's session id differs from the session the command was sent to. */
  SESSION_ID_MISMATCH,
  /** The lobby is not open yet (participants join once it is; the agenda starts once it is). */
  SESSION_NOT_OPEN,
  /** The lobby is open already, or the session runs. */
  SESSION_ALREADY_OPEN,
  /** The agenda has started already. */
  SESSION_ALREADY_STARTED,
  /** The command needs the agenda to be running. */
  SESSION_NOT_RUNNING,
  /** The session has ended or was cancelled; nothing changes any more. */
  SESSION_ENDED,
  /** The actor is not present in the session. */
  NOT_A_PARTICIPANT,
  /** The actor's role may not do this (e.g. only hosts run the agenda, only experts claim help). */
  ROLE_NOT_ALLOWED,
  /** The actor is present already. */
  ALREADY_PRESENT,
  /** The actor joined earlier with another role; a person keeps one role per session. */
  ROLE_MISMATCH,
  /** Every seat is taken. */
  SESSION_FULL,
  /**
   * A name must have 1 to 60 characters on one line, without control, bidirectional override or
   * zero-width characters ({@link TextRules.Field#NAME}).
   */
  INVALID_NAME,
  /** No focus block is running or still to come, so there is nothing to set a goal for. */
  NO_FOCUS_BLOCK_AHEAD,
  /**
   * A goal's text must have 1 to 280 characters and no control characters but line breaks, nor
   * bidirectional override or zero-width characters ({@link TextRules.Field#GOAL}).
   */
  INVALID_GOAL_TEXT,
  /** A participant may declare at most 10 goals per focus block. */
  TOO_MANY_GOALS,
  /** The task is not in the format's catalogue. */
  UNKNOWN_TASK,
  /** No goal has this id in this session. */
  UNKNOWN_GOAL,
  /** The goal belongs to someone else. */
  NOT_YOUR_GOAL,
  /** The participant has an open help request already (at most one at a time). */
  ALREADY_IN_QUEUE,
  /** The help topic is not one of the format's. */
  UNKNOWN_TOPIC,
  /**
   * A help note has at most 500 characters and no control characters but line breaks, nor
   * bidirectional override or zero-width characters ({@link TextRules.Field#NOTE}).
   */
  INVALID_NOTE,
  /** The participant has no waiting help request. */
  NOT_IN_QUEUE,
  /** Nobody is waiting for help. */
  QUEUE_EMPTY,
  /** No help request has this id in this session. */
  UNKNOWN_REQUEST,
  /** The request is not waiting: another expert has it, or it is finished or withdrawn. */
  ALREADY_CLAIMED,
  /** The request is not in this expert's hands. */
  NOT_CLAIMED_BY_YOU,
  /** The expert is helping someone already and must finish that first. */
  EXPERT_BUSY,
  /** The current phase is the last one; end the session instead. */
  NO_NEXT_PHASE,
  /** An extension must be 1 to 120 minutes. */
  INVALID_EXTENSION,
  /**
   * A cancellation reason has at most 280 characters and no control characters but line breaks,
   * nor bidirectional override or zero-width characters ({@link TextRules.Field#REASON}); the name
   * stays for what it always meant: the reason was refused.
   */
  REASON_TOO_LONG,
  /** The command needs a series, and this one has not been created. */
  SERIES_NOT_FOUND,
  /** {@code CreateSeries} for a series that exists already. */
  SERIES_ALREADY_EXISTS,
  /** The series has no date with this key. */
  UNKNOWN_DATE,
  /** The date was cancelled. */
  DATE_CANCELLED,
  /** The date has started already (registering), or not yet (recording no-shows). */
  DATE_PASSED,
  /** No-shows can be recorded only once the date has started. */
  DATE_NOT_STARTED,
  /** An e-mail address must look like one (name@domain) and have at most 254 characters. */
  INVALID_EMAIL,
  /** A language must be {@code de} or {@code en}. */
  INVALID_LANGUAGE,
  /** A price must be 0 or more cents. */
  INVALID_PRICE,
  /** The person is registered for this date already. */
  ALREADY_REGISTERED,
  /** The person has no (active) registration for this date. */
  NOT_REGISTERED,
  /** The person is on the waitlist, not seated. */
  NOT_SEATED,
  /** The person has no such routine. */
  NO_SUCH_ROUTINE,
  /** Another date of the series is on that day already. */
  DATE_CONFLICT,
  /**
   * The address's mail domain holds its share of a date's places already ({@link
   * io.peerwork.core.series.Mailboxes#maxPerDomain}): one domain (a catch-all, say) cannot take every
   * seat of a small series. Public mail providers have no such share.
   */
  DOMAIN_SHARE_REACHED,
  /**
   * A title (of a session or a series) must have 1 to 120 characters on one line, without control,
   * bidirectional override or zero-width characters ({@link TextRules.Field#TITLE}).
   */
  INVALID_TITLE,
  /**
   * An online link must be an absolute {@code http} or {@code https} address with a host, without
   * spaces, a user part, or invisible characters ({@link TextRules.Field#LINK}).
   */
  INVALID_LINK,
  /**
   * A task resource ({@link TaskResource}) has a title of 1 to 120 characters on one line, a link
   * (an absolute {@code http} or {@code https} address) or a checklist of up to 10 items of 1 to 200
   * characters on one line, or both; no control, bidirectional override or zero-width characters.
   */
  INVALID_RESOURCE,
  /** A task has at most 10 resources ({@link TaskResource#MAX_PER_TASK}). */
  TOO_MANY_RESOURCES,
  /**
   * A participant may not take a name that reads as a role or as the system speaking ("Host",
   * "Gastgeberin", "Expert:in", "Moderator", "Admin", ...: {@link TextRules#RESERVED_NAMES}).
   */
  RESERVED_NAME,
  /**
   * A start must lie between 1 January 2000 and ten years after now ({@link PlanningWindow}).
   */
  DATE_OUT_OF_RANGE,
  /**
   * A place's address must have 1 to 300 characters on one line, without control, bidirectional
   * override or zero-width characters ({@link TextRules.Field#ADDRESS}).
   */
  INVALID_ADDRESS,
  /** The person was removed from this session by a host or the organiser; they may not join again. */
  MEMBER_REMOVED,
  /** Nobody with this id has joined this session. */
  UNKNOWN_MEMBER,
  /** A host cannot remove themself (they leave instead). */
  CANNOT_REMOVE_SELF,
  /** A host cannot remove another host; the organiser can. */
  CANNOT_REMOVE_HOST,
  /** No-show minutes must be 0 (never) or 1 to 120. */
  INVALID_NO_SHOW_MINUTES,
  /** Only the participant and the expert invite links can be replaced; the host link is the organiser's. */
  INVITE_NOT_REVOCABLE,
  /**
   * Where an expert helps is a place of up to 120 characters on one line ({@link
   * TextRules.Field#HELP_PLACE}), or a call link: an absolute {@code http} or {@code https} address
   * with a host ({@link TextRules.Field#LINK}); neither with control, bidirectional override or
   * zero-width characters.
   */
  INVALID_HELP_PLACE,
  /** The help queue is closed: no new hands, and nobody joins a request, until it opens again. */
  QUEUE_CLOSED,
  /** The help queue is paused: places are kept, but nobody is taken until it opens again. */
  QUEUE_PAUSED,
  /** The participant has no request on hold to come back with. */
  NOT_ON_HOLD,
  /** A hold lasts 0 (until the participant is ready) or 1 to 60 minutes. */
  INVALID_HOLD_MINUTES,
  /** Only a waiting request can be joined ("me too"); this one is being helped, on hold or closed. */
  REQUEST_NOT_WAITING,
  /**
   * An announcement has 1 to 280 characters, line breaks allowed, without control, bidirectional
   * override or zero-width characters ({@link TextRules.Field#ANNOUNCEMENT}).
   */
  INVALID_ANNOUNCEMENT,
  /** There is no pinned announcement to remove. */
  NO_ANNOUNCEMENT,
  /** The participant neither asked nor joined this request. */
  NOT_YOUR_REQUEST,
  /** Only a finished help can be rated. */
  HELP_NOT_FINISHED,
  /** The participant was helped a moment ago; the format asks them to wait a little before asking again. */
  RAISED_TOO_SOON,
  /** The peer named is not the one suggested for this participant's request (or none is). */
  NO_PEER_SUGGESTED,
  /** An expert takes, or a peer offers, at most 20 help topics, each once. */
  TOO_MANY_TOPICS,
  /**
   * A post on a series' wall has 1 to 280 characters, line breaks allowed, without control,
   * bidirectional override or zero-width characters (the rules of a goal, {@link TextRules.Field#GOAL}).
   */
  INVALID_POST_TEXT,
  /** There is no such post on the series' wall (it was removed, or never shared). */
  UNKNOWN_POST,
  /** A person cheers the posts of others, not their own. */
  OWN_POST,
  /** Only its author (or the host) removes a post. */
  NOT_YOUR_POST,
  /** A tip names a task of the format's catalogue. */
  TIP_NEEDS_TASK,
  /** Only a tip can become a resource of a task; this post is a win. */
  NOT_A_TIP,
  /** This tip is a resource of its task already. */
  ALREADY_PROMOTED,
  /** The person, or the one they want to pair with, has a buddy for this date already. */
  ALREADY_PAIRED,
  /**
   * The one to pair with is not looking for a buddy at this date (they never said so, have paired
   * with someone else meanwhile, stopped looking, or have no seat).
   */
  BUDDY_NOT_LOOKING,
  /** A person cannot be their own buddy. */
  CANNOT_PAIR_WITH_SELF,
  /** The person has no buddy for this date. */
  NO_BUDDY,
  /**
   * A participant offers peer help only on help topics they earned in this session: those the
   * format's catalogue names for the task of one of their goals marked done, and those on their
   * offer already ({@link SessionEngine#earnedPeerTopics}).
   */
  PEER_TOPIC_NOT_EARNED
}
