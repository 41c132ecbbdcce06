-- Review cycles (one per organisation and year) with their plan of phases (P1). The rule
-- set is frozen into the cycle as JSON, so that later changes never alter a past cycle.
CREATE TABLE review_cycles (
    id BIGSERIAL PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    year INTEGER NOT NULL,
    rule_set TEXT NOT NULL,
    rules_json TEXT NOT NULL,
    reference_date DATE NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('self_review', 'feedback', 'voting', 'appraisal', 'closed')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (organization_id, year)
);

CREATE TABLE cycle_phases (
    id BIGSERIAL PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    task TEXT NOT NULL,
    lead TEXT NOT NULL,
    recipient TEXT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('self_review', 'feedback', 'voting', 'appraisal', 'closed')),
    closed BOOLEAN NOT NULL DEFAULT FALSE,
    reopened_reason TEXT,
    UNIQUE (cycle_id, code)
);
