-- Peerwork's event journal: one row per event, one stream per session.
-- Written for both H2 (2.x) and PostgreSQL: keep to types and syntax both understand.

CREATE TABLE peerwork_event (
    -- The session's id: [A-Za-z0-9._-]{1,64}, compared exactly (case-sensitive).
    session_id      VARCHAR(64)      NOT NULL,
    -- The event's position in its session's stream: 1, 2, 3, ... without gaps.
    version         BIGINT           NOT NULL,
    -- The event's type name, as in the JSON's "type" property (e.g. GoalDeclared), for queries.
    event_type      VARCHAR(100)     NOT NULL,
    -- The version of the JSON shape the row was written in; an upcaster reads older ones.
    schema_version  INTEGER          NOT NULL,
    -- The event as JSON (peerwork-jackson), including its "type" property.
    payload         VARCHAR(1000000) NOT NULL,
    -- When the journal stored the event (the event's own time is in the JSON, "at").
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Two appends for the same version of a session: the second fails, and writes nothing.
    CONSTRAINT peerwork_event_pk PRIMARY KEY (session_id, version),
    CONSTRAINT peerwork_event_version_positive CHECK (version >= 1),
    CONSTRAINT peerwork_event_schema_version_positive CHECK (schema_version >= 1)
);
