-- Issue #13 (trust); see the PostgreSQL migration for the reasons.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE ballot_counts (
    session_id BIGINT NOT NULL REFERENCES voting_sessions (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    votes_excellent INTEGER NOT NULL DEFAULT 0 CHECK (votes_excellent >= 0),
    votes_good INTEGER NOT NULL DEFAULT 0 CHECK (votes_good >= 0),
    votes_completed INTEGER NOT NULL DEFAULT 0 CHECK (votes_completed >= 0),
    votes_not_completed INTEGER NOT NULL DEFAULT 0 CHECK (votes_not_completed >= 0),
    PRIMARY KEY (session_id, member_id)
) WITHOUT ROWID;
INSERT INTO ballot_counts (session_id, member_id, votes_excellent, votes_good, votes_completed,
                           votes_not_completed)
SELECT b.session_id, CAST(c.key AS INTEGER),
       SUM(CASE WHEN c.value = 'excellent' THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.value = 'good' THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.value = 'completed' THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.value NOT IN ('excellent', 'good', 'completed') THEN 1 ELSE 0 END)
FROM ballots b, json_each(b.choices) c
GROUP BY b.session_id, CAST(c.key AS INTEGER)
ORDER BY 1, 2;
DROP TABLE ballots;

-- The participations without a rowid: their order on disk is (session, member), not voting.
CREATE TABLE ballot_participations_new (
    session_id BIGINT NOT NULL REFERENCES voting_sessions (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    PRIMARY KEY (session_id, member_id)
) WITHOUT ROWID;
INSERT INTO ballot_participations_new SELECT session_id, member_id FROM ballot_participations
ORDER BY session_id, member_id;
DROP TABLE ballot_participations;
ALTER TABLE ballot_participations_new RENAME TO ballot_participations;

-- See the PostgreSQL migration: kept ballots, tokens and secrets go; open sessions end once.
DELETE FROM idempotency_keys
WHERE body = '{"recorded":true}' OR body LIKE '%access_token%' OR body LIKE '%refresh_token%'
   OR body LIKE '%client_secret%' OR body LIKE '%"secret"%';
UPDATE refresh_tokens SET revoked_at = CURRENT_TIMESTAMP WHERE revoked_at IS NULL;
