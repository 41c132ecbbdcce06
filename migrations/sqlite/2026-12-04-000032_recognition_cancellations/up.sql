-- O5 (guidance 3.3.2; issue #16): a recognition found undeserved later is cancelled by the
-- district standing committee — a decision with its number, date, reason and decider. The
-- assessment takes the decided level; the earlier result is kept here, never overwritten.
CREATE TABLE org_recognition_cancellations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    earlier_level TEXT NOT NULL,
    earlier_exemplary BOOLEAN NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('clean_strong', 'good', 'completed', 'weak')),
    exemplary BOOLEAN NOT NULL,
    reason TEXT NOT NULL,
    decision_number TEXT NOT NULL,
    decided_on DATE NOT NULL,
    decided_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    CHECK (exemplary = FALSE OR level = 'clean_strong')
);
CREATE INDEX org_recognition_cancellations_org_year ON org_recognition_cancellations (organization_id, year);
