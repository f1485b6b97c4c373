-- Schema 1 of the audit trail: every event is a typed JSON object (detail), chained per broker instance.
-- detail loses its bound: a hashed event can't be cut short to fit a column (VARCHAR without a length is
-- unbounded on PostgreSQL, and H2's largest VARCHAR).
ALTER TABLE audit_event ALTER COLUMN detail SET DATA TYPE VARCHAR;
ALTER TABLE audit_event ADD COLUMN event_id VARCHAR(36);
ALTER TABLE audit_event ADD COLUMN workspace VARCHAR(255);
-- The chain: the instance that wrote the event, its place in that instance's chain, the previous event's hash and
-- its own (SHA-256 over the previous hash and detail). Rows written before V6 have none and are not chained.
ALTER TABLE audit_event ADD COLUMN instance_id VARCHAR(128);
ALTER TABLE audit_event ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_event ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN hash VARCHAR(64);
CREATE UNIQUE INDEX audit_event_chain ON audit_event (instance_id, chain_seq);
CREATE INDEX audit_event_run ON audit_event (run_id);
CREATE INDEX audit_event_workspace ON audit_event (workspace);
CREATE INDEX audit_event_at ON audit_event (at);

-- One row per chain: its last event. An audit write locks its instance's row (SELECT … FOR UPDATE) in the
-- transaction that also changes the phase, so two writers of one instance never fork the chain, and the row
-- shows when events were cut off the chain's end.
CREATE TABLE audit_chain (
    instance_id  VARCHAR(128) NOT NULL PRIMARY KEY,
    seq          BIGINT       NOT NULL,
    hash         VARCHAR(64)  NOT NULL
);
