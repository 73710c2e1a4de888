-- Snapshots of sessions' states, so that a room loads from the newest one and the events after it
-- instead of from all its events. A cache of peerwork_event, never the truth: any row may be
-- deleted at any time (the session then loads from its events, and writes a new snapshot).
-- Written for both H2 (2.x) and PostgreSQL: keep to types and syntax both understand.

CREATE TABLE peerwork_session_snapshot (
    -- The session's id, as in peerwork_event.
    session_id      VARCHAR(64)       NOT NULL,
    -- The version of the session's stream the state is at: it holds events 1 to version.
    version         BIGINT            NOT NULL,
    -- The version of the JSON shape of the state; a snapshot of a version the code does not know
    -- is skipped (the session loads from its events).
    schema_version  INTEGER           NOT NULL,
    -- The state as JSON (peerwork-jackson's shape of io.peerwork.core.SessionSnapshot).
    state           VARCHAR(10000000) NOT NULL,
    -- When the snapshot was written.
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT peerwork_session_snapshot_pk PRIMARY KEY (session_id, version),
    CONSTRAINT peerwork_session_snapshot_version_positive CHECK (version >= 1)
);
