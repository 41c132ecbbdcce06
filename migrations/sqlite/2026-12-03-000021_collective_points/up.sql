-- Collectives under a points rule set (RULES-2025.md C1-C4): a party organisation scores
-- itself on frame F1 (Mẫu 01: …/30, …/70, total …/100), the committee directly above appraises
-- it with the facts of C2 and decides its level (C3's quota counted among collectives of one
-- kind under it). Points are tenths, kept per item as JSON objects {item: tenths}.
CREATE TABLE org_point_assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'appraised', 'decided')),
    self_points TEXT NOT NULL,
    tasks_assigned INTEGER NOT NULL CHECK (tasks_assigned >= 0),
    tasks_done INTEGER NOT NULL CHECK (tasks_done >= 0 AND tasks_done <= tasks_assigned),
    tasks_on_time INTEGER NOT NULL CHECK (tasks_on_time >= 0 AND tasks_on_time <= tasks_done),
    tasks_exceeded INTEGER NOT NULL CHECK (tasks_exceeded >= 0 AND tasks_exceeded <= tasks_done),
    shortcomings_prior INTEGER NOT NULL CHECK (shortcomings_prior >= 0),
    shortcomings_remedied INTEGER NOT NULL CHECK (shortcomings_remedied >= 0 AND shortcomings_remedied <= shortcomings_prior),
    narrative TEXT NOT NULL,
    proposed_level TEXT CHECK (proposed_level IN ('excellent', 'good', 'completed', 'not_completed')),
    submitted_by TEXT,
    submitted_at TIMESTAMP,
    appraised_points TEXT,
    facts TEXT NOT NULL,
    mitigated TEXT NOT NULL,
    appraisal_note TEXT,
    appraised_by TEXT,
    appraised_at TIMESTAMP,
    -- The competent level's decision (C2, C3): the level, its reasons (rule ids) and why it
    -- chose a level the engine left open.
    decided_level TEXT CHECK (decided_level IN ('excellent', 'good', 'completed', 'not_completed')),
    decided_reasons TEXT,
    decision_reason TEXT,
    decided_by TEXT,
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (cycle_id, organization_id)
);
CREATE INDEX org_point_assessments_org ON org_point_assessments (organization_id);
