-- S10, C2 (Mẫu 03): the competent level re-rates a collective it decided. The form carries the
-- standing decision; each earlier one is kept here with the appraisal it rested on, why it was
-- replaced, by whom and when.
CREATE TABLE org_point_reratings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    assessment_id BIGINT NOT NULL REFERENCES org_point_assessments (id) ON DELETE CASCADE,
    previous_level TEXT NOT NULL CHECK (previous_level IN ('excellent', 'good', 'completed', 'not_completed')),
    previous_reasons TEXT NOT NULL,
    previous_points TEXT NOT NULL,
    previous_facts TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('excellent', 'good', 'completed', 'not_completed')),
    reason TEXT NOT NULL,
    rerated_by TEXT NOT NULL,
    rerated_at TIMESTAMP NOT NULL
);
CREATE INDEX org_point_reratings_assessment ON org_point_reratings (assessment_id);
-- C3: whether the decision counted the quota raised for outstanding results (25%), so that a
-- re-rating counts it as the decision did.
ALTER TABLE org_point_assessments ADD COLUMN decided_outstanding BOOLEAN NOT NULL DEFAULT FALSE;
