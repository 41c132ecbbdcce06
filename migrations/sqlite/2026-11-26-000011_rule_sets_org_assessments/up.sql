-- Rule sets made by an administrator by copying one and changing its parameters; a cycle
-- freezes the one it starts with (RULES.md preamble).
CREATE TABLE rule_sets (
    name TEXT NOT NULL PRIMARY KEY,
    based_on TEXT NOT NULL,
    rules_json TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Organisations' yearly classification (O1, O3, O4): the self-assessment sheet's own points,
-- the superior's points, the level they give, exemplary, and the unit's rating.
CREATE TABLE org_assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    self_points TEXT NOT NULL,
    self_total INTEGER NOT NULL,
    superior_points TEXT,
    superior_total INTEGER,
    level TEXT NOT NULL CHECK (level IN ('clean_strong', 'good', 'completed', 'weak')),
    exemplary BOOLEAN NOT NULL DEFAULT FALSE,
    unit_rating TEXT CHECK (unit_rating IN ('outstanding', 'good', 'fair', 'average', 'weak')),
    status TEXT NOT NULL CHECK (status IN ('submitted', 'reviewed')),
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (year, organization_id)
);
