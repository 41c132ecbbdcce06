-- Key-cadre meetings (O6, plan II.2.1 and II.3): the base committee's leaders are reviewed
-- collectively and individually; the key cadres present give opinions and vote a proposed
-- level for each leader, on the four member levels (M1).
CREATE TABLE key_cadre_meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    held_on DATE NOT NULL,
    chaired_by TEXT NOT NULL,
    attendees INTEGER NOT NULL CHECK (attendees > 0),
    collective_opinion TEXT,
    recorded_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX key_cadre_meetings_cycle ON key_cadre_meetings (cycle_id);

CREATE TABLE key_cadre_assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES key_cadre_meetings (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    opinion TEXT NOT NULL,
    votes_excellent INTEGER NOT NULL DEFAULT 0 CHECK (votes_excellent >= 0),
    votes_good INTEGER NOT NULL DEFAULT 0 CHECK (votes_good >= 0),
    votes_completed INTEGER NOT NULL DEFAULT 0 CHECK (votes_completed >= 0),
    votes_not_completed INTEGER NOT NULL DEFAULT 0 CHECK (votes_not_completed >= 0),
    proposed_level TEXT NOT NULL CHECK (proposed_level IN ('excellent', 'good', 'completed', 'not_completed')),
    UNIQUE (meeting_id, member_id)
);
