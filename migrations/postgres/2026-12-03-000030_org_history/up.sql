-- W4/W5 (guidance 3): an organisation's results of years before the system kept them, entered
-- by its committee (or one above) from the archived decisions, so that five-year streaks of
-- organisations can qualify. A year the system assessed itself (org_assessments) is the
-- system's.
CREATE TABLE org_history (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('clean_strong', 'good', 'completed', 'weak')),
    exemplary BOOLEAN NOT NULL,
    -- Where it comes from (the decision's number and date).
    source TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organization_id, year),
    CHECK (exemplary = FALSE OR level = 'clean_strong')
);
