ALTER TABLE voting_sessions DROP COLUMN outstanding_decided_at;
ALTER TABLE voting_sessions DROP COLUMN outstanding_decided_by;
ALTER TABLE voting_sessions DROP COLUMN outstanding_decision;
