-- Voting sessions (M5–M7, Q1–Q4): per branch and cycle, the roll (who may vote, who is
-- present), the paper tallies entered twice by two different users, the electronic ballots,
-- and the results with their appraisal (M12: cancelled, never deleted).
CREATE TABLE voting_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    branch_id BIGINT NOT NULL REFERENCES organizations (id),
    -- regular, or supplementary for the members pending after it (M3)
    kind TEXT NOT NULL CHECK (kind IN ('regular', 'supplementary')),
    mode TEXT NOT NULL CHECK (mode IN ('paper_tally', 'electronic')),
    -- open → (electronic: closed) → finalized → approved | returned
    status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'finalized', 'approved', 'returned')),
    held_on DATE NOT NULL,
    outstanding_unit BOOLEAN NOT NULL DEFAULT FALSE,
    opened_by TEXT NOT NULL,
    finalized_by TEXT,
    finalized_at TIMESTAMP,
    appraised_by TEXT,
    appraisal_comment TEXT,
    appraised_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX voting_sessions_cycle ON voting_sessions (cycle_id, branch_id);
-- One session at a time per branch and cycle is being voted on.
CREATE UNIQUE INDEX voting_sessions_one_open ON voting_sessions (cycle_id, branch_id)
    WHERE status IN ('open', 'closed');

-- The roll, taken from the registry when the session opens (M5), with who is present and what
-- the meeting records about each member (faults, M10; a leader's unit and organisation, M8).
CREATE TABLE session_roll (
    session_id BIGINT NOT NULL REFERENCES voting_sessions (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    official BOOLEAN NOT NULL,
    exempt BOOLEAN NOT NULL,
    attached BOOLEAN NOT NULL,
    -- classified in this session (a supplementary session classifies only the pending)
    subject BOOLEAN NOT NULL,
    present BOOLEAN NOT NULL DEFAULT TRUE,
    faults BOOLEAN NOT NULL DEFAULT FALSE,
    leader_unit_rating TEXT,
    leader_party_org_rating TEXT,
    PRIMARY KEY (session_id, member_id)
);

-- Each member's tally, entered twice by two different users (entry 1 and entry 2).
CREATE TABLE tally_entries (
    session_id BIGINT NOT NULL REFERENCES voting_sessions (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    entry_no INTEGER NOT NULL CHECK (entry_no IN (1, 2)),
    entered_by_user_id BIGINT NOT NULL REFERENCES users (id),
    votes_excellent INTEGER NOT NULL CHECK (votes_excellent >= 0),
    votes_good INTEGER NOT NULL CHECK (votes_good >= 0),
    votes_completed INTEGER NOT NULL CHECK (votes_completed >= 0),
    votes_not_completed INTEGER NOT NULL CHECK (votes_not_completed >= 0),
    entered_at TIMESTAMP NOT NULL,
    PRIMARY KEY (session_id, member_id, entry_no)
);

-- Electronic voting: who has voted…
CREATE TABLE ballot_participations (
    session_id BIGINT NOT NULL REFERENCES voting_sessions (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    PRIMARY KEY (session_id, member_id)
);
-- …and the ballots, with no link to the voter: a random id (no sequence, no rowid on
-- SQLite), no voter, no time. The choices are JSON {member_id: level}.
CREATE TABLE ballots (
    id TEXT NOT NULL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES voting_sessions (id) ON DELETE CASCADE,
    choices TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX ballots_session ON ballots (session_id);

-- Results. A cancelled result (M12) stays, with its reason, beside the one that replaced it.
CREATE TABLE classification_results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    session_id BIGINT REFERENCES voting_sessions (id),
    member_id BIGINT NOT NULL REFERENCES members (id),
    status TEXT NOT NULL CHECK (status IN ('classified', 'pending', 'not_classified', 'unresolved')),
    level TEXT CHECK (level IN ('excellent', 'good', 'completed', 'not_completed')),
    cap TEXT,
    reasons TEXT NOT NULL,
    votes_excellent INTEGER NOT NULL DEFAULT 0,
    votes_good INTEGER NOT NULL DEFAULT 0,
    votes_completed INTEGER NOT NULL DEFAULT 0,
    votes_not_completed INTEGER NOT NULL DEFAULT 0,
    supplementary BOOLEAN NOT NULL DEFAULT FALSE,
    -- proposed (by the branch), approved or returned (by the base committee), cancelled (M12)
    state TEXT NOT NULL CHECK (state IN ('proposed', 'approved', 'returned', 'cancelled')),
    cancelled_reason TEXT,
    cancelled_by TEXT,
    cancelled_at TIMESTAMP,
    replaces_id BIGINT REFERENCES classification_results (id),
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX classification_results_cycle ON classification_results (cycle_id, member_id);
CREATE INDEX classification_results_session ON classification_results (session_id);

-- The yearly history (W1) also takes results approved here ('classified') and re-classified
-- (M12, 'reclassified'). SQLite cannot change a CHECK: the table is rebuilt.
CREATE TABLE member_history_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('excellent', 'good', 'completed', 'not_completed')),
    organization_name TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('recorded', 'imported', 'classified', 'reclassified')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (member_id, year)
);
INSERT INTO member_history_new SELECT * FROM member_history;
DROP TABLE member_history;
ALTER TABLE member_history_new RENAME TO member_history;
