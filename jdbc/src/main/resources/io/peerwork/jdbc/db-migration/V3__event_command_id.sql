-- Idempotent commands: the id of the command whose events an append stored, on the last row of
-- that append (NULL on every other row, and on rows written before this migration).
-- Only the session table: series appends carry no command ids.
-- Written for both H2 (2.x) and PostgreSQL: keep to types and syntax both understand.

-- The command id as the application chose it (CommandId: 1 to 200 characters), compared exactly.
ALTER TABLE peerwork_event ADD COLUMN command_id VARCHAR(200);

-- Each command id at most once per session: a second append with the same id fails and writes
-- nothing. NULLs are distinct in a unique index on both databases, so rows without an id never
-- collide.
CREATE UNIQUE INDEX peerwork_event_command_uq ON peerwork_event (session_id, command_id);
