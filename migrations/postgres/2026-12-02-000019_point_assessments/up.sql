-- The points method (RULES-2025.md, rule set tw-366-2025): a member's self-assessment on the
-- frame of who they are (S1; Mẫu 2A, 2B, 2C for the year, period 0; Mẫu 05 for a quarter,
-- periods 1-4, S9), the appraisal of the organisation-and-personnel body, and the competent
-- level's decision (S10). Points are tenths, kept per item as JSON objects {item: tenths}.
CREATE TABLE point_assessments (
    id BIGSERIAL PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    period INTEGER NOT NULL CHECK (period BETWEEN 0 AND 4),
    frame TEXT NOT NULL CHECK (frame IN ('F2', 'F3', 'F4', 'F5')),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'appraised', 'decided')),
    -- Entered by the branch committee from a paper form.
    on_behalf BOOLEAN NOT NULL DEFAULT FALSE,
    self_points TEXT NOT NULL,
    tasks_assigned INTEGER NOT NULL CHECK (tasks_assigned >= 0),
    tasks_done INTEGER NOT NULL CHECK (tasks_done >= 0 AND tasks_done <= tasks_assigned),
    tasks_on_time INTEGER NOT NULL CHECK (tasks_on_time >= 0 AND tasks_on_time <= tasks_done),
    tasks_exceeded INTEGER NOT NULL CHECK (tasks_exceeded >= 0 AND tasks_exceeded <= tasks_done),
    shortcomings_prior INTEGER NOT NULL CHECK (shortcomings_prior >= 0),
    shortcomings_remedied INTEGER NOT NULL CHECK (shortcomings_remedied >= 0 AND shortcomings_remedied <= shortcomings_prior),
    -- The narrative: results, shortcomings and what was remedied (the 2016 self-review's text).
    narrative TEXT NOT NULL,
    proposed_level TEXT CHECK (proposed_level IN ('excellent', 'good', 'completed', 'not_completed')),
    submitted_at TIMESTAMP,
    appraised_points TEXT,
    facts TEXT NOT NULL,
    mitigated TEXT NOT NULL,
    appraised_level TEXT CHECK (appraised_level IN ('excellent', 'good', 'completed', 'not_completed')),
    appraisal_note TEXT,
    appraised_by TEXT,
    appraised_at TIMESTAMP,
    -- The competent level's decision (S10): the result itself is a classification result;
    -- here the reason given for a level it chose (a tie or a gap) and who decided.
    decision_reason TEXT,
    decided_by TEXT,
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (cycle_id, member_id, period)
);
CREATE INDEX point_assessments_member ON point_assessments (member_id);
