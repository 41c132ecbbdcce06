CREATE TABLE ballots (
    id TEXT NOT NULL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES voting_sessions (id) ON DELETE CASCADE,
    choices TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX ballots_session ON ballots (session_id);
DROP TABLE ballot_counts;
ALTER TABLE users DROP COLUMN must_change_password;
