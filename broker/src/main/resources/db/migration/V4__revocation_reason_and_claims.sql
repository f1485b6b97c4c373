-- Every lease row of a revoked session says why it ended (open-failed, closed-by-runner, heartbeat-lapsed, …).
ALTER TABLE lease ADD COLUMN revoke_reason VARCHAR(32);
-- A claim names one revocation (instance id + operation id), not an instance: 64 was room for the instance only.
ALTER TABLE phase_session ALTER COLUMN claim_owner SET DATA TYPE VARCHAR(128);
-- The reaper's due-query reads state and the claim on every sweep.
CREATE INDEX phase_session_due ON phase_session (state, claim_until);
