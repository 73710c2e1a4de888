-- Who owns which stream on a cluster, by epoch: one row per session or series that a node ever
-- took. Taking a stream raises its epoch by one; an append fenced by an epoch locks the stream's
-- row (SELECT ... FOR UPDATE) in its own transaction and stores its events only if the epoch is
-- still its own, so a node that lost its stream can never append to it again.
-- Written for both H2 (2.x) and PostgreSQL: keep to types and syntax both understand.

CREATE TABLE peerwork_stream_owner (
    -- What the stream is: session or series.
    stream_kind     VARCHAR(16)      NOT NULL,
    -- The session's or series' id, as in peerwork_event and peerwork_series_event.
    stream_id       VARCHAR(64)      NOT NULL,
    -- The node that took the stream last.
    node            VARCHAR(200)     NOT NULL,
    -- How many times the stream was taken: 1 after the first take, and only ever raised.
    epoch           BIGINT           NOT NULL,
    -- When the stream was taken last.
    taken_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT peerwork_stream_owner_pk PRIMARY KEY (stream_kind, stream_id),
    CONSTRAINT peerwork_stream_owner_epoch_positive CHECK (epoch >= 1)
);
