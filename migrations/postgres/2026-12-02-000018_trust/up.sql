-- Issue #13 (trust).
-- A password set by someone else (an administrator's reset) must be changed at the next login.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;

-- Ballot secrecy by design: no ballot is stored. Each electronic ballot adds one to the
-- chosen level of every member it classifies, in one row per member of the session, all of
-- which every ballot updates (a ballot marks every member). No row holds one voter's choices;
-- at close the counts and the participations are rewritten in member order by the closing
-- transaction, so neither their physical order nor their transaction ids follow the voting.
CREATE TABLE ballot_counts (
    session_id BIGINT NOT NULL REFERENCES voting_sessions (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    votes_excellent INTEGER NOT NULL DEFAULT 0 CHECK (votes_excellent >= 0),
    votes_good INTEGER NOT NULL DEFAULT 0 CHECK (votes_good >= 0),
    votes_completed INTEGER NOT NULL DEFAULT 0 CHECK (votes_completed >= 0),
    votes_not_completed INTEGER NOT NULL DEFAULT 0 CHECK (votes_not_completed >= 0),
    PRIMARY KEY (session_id, member_id)
);
INSERT INTO ballot_counts (session_id, member_id, votes_excellent, votes_good, votes_completed,
                           votes_not_completed)
SELECT b.session_id, CAST(c.key AS BIGINT),
       SUM(CASE WHEN c.value = 'excellent' THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.value = 'good' THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.value = 'completed' THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.value NOT IN ('excellent', 'good', 'completed') THEN 1 ELSE 0 END)
FROM ballots b, json_each_text(b.choices::json) c
GROUP BY b.session_id, CAST(c.key AS BIGINT)
ORDER BY 1, 2;
DROP TABLE ballots;




-- What the idempotency store kept before this change and must not keep: ballots (the voter,
-- a time and a hash of the choices) and answers carrying tokens or secrets. Every session
-- still open is ended once (a kept refresh token could have been read back).
DELETE FROM idempotency_keys
WHERE body = '{"recorded":true}' OR body LIKE '%access_token%' OR body LIKE '%refresh_token%'
   OR body LIKE '%client_secret%' OR body LIKE '%"secret"%';
UPDATE refresh_tokens SET revoked_at = CURRENT_TIMESTAMP WHERE revoked_at IS NULL;
