-- Peerwork's series journal: one row per series event, one stream per series (registrations,
-- waitlists, routines, outcomes). The same columns as peerwork_event, keyed by the series' id.
-- Written for both H2 (2.x) and PostgreSQL: keep to types and syntax both understand.

CREATE TABLE peerwork_series_event (
    -- The series' id: [A-Za-z0-9._-]{1,48}, compared exactly (case-sensitive).
    series_id       VARCHAR(64)      NOT NULL,
    -- The event's position in its series' stream: 1, 2, 3, ... without gaps.
    version         BIGINT           NOT NULL,
    -- The event's type name, as in the JSON's "type" property (e.g. Registered), for queries.
    event_type      VARCHAR(100)     NOT NULL,
    -- The version of the JSON shape the row was written in; an upcaster reads older ones.
    schema_version  INTEGER          NOT NULL,
    -- The event as JSON (peerwork-jackson), including its "type" property.
    payload         VARCHAR(1000000) NOT NULL,
    -- When the journal stored the event (the event's own time is in the JSON, "at").
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Two appends for the same version of a series: the second fails, and writes nothing.
    CONSTRAINT peerwork_series_event_pk PRIMARY KEY (series_id, version),
    CONSTRAINT peerwork_series_event_version_positive CHECK (version >= 1),
    CONSTRAINT peerwork_series_event_schema_version_positive CHECK (schema_version >= 1)
);
