-- Guidance C.4 (issue #16): the review meetings (hội nghị kiểm điểm) an organisation schedules,
-- the superior's representatives it invites, and when it notified them (the superior is told
-- before the meeting so that it can send someone to attend and guide it).
CREATE TABLE review_meetings (
    id BIGSERIAL PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    -- Local time in Vietnam.
    held_at TIMESTAMP NOT NULL,
    place TEXT NOT NULL,
    -- JSON array of {"name", "body"}: the representatives invited and whom they represent.
    invited TEXT NOT NULL,
    notified_at TIMESTAMP,
    notified_by TEXT,
    version INTEGER NOT NULL CHECK (version >= 1),
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX review_meetings_cycle ON review_meetings (cycle_id, held_at);

-- Guidance C.5 (issue #16): the appraisal teams a committee sends to organisations below it,
-- their members, visit and findings.
CREATE TABLE appraisal_teams (
    id BIGSERIAL PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    target_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    leader TEXT NOT NULL,
    -- JSON array of names.
    members TEXT NOT NULL,
    visit_on DATE,
    findings TEXT,
    conclusion TEXT CHECK (conclusion IN ('confirmed', 'adjust')),
    version INTEGER NOT NULL CHECK (version >= 1),
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX appraisal_teams_org ON appraisal_teams (organization_id, year);
CREATE INDEX appraisal_teams_target ON appraisal_teams (target_id, year);

-- Plan II.2.3 (issue #16): each branch's opinion on its base's self-review and
-- self-classification, given at the branch meeting and sent up with its records.
CREATE TABLE branch_opinions (
    id BIGSERIAL PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    branch_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    opinion TEXT NOT NULL,
    proposed_level TEXT CHECK (proposed_level IN ('clean_strong', 'good', 'completed', 'weak')),
    version INTEGER NOT NULL CHECK (version >= 1),
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (cycle_id, branch_id)
);
