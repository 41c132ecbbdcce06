-- S10 step 2: the branch's review meeting on a member's points form, as its committee records
-- it: the discussion and opinions, and the committee's proposed level. One per form.
CREATE TABLE point_branch_reviews (
    assessment_id BIGINT PRIMARY KEY REFERENCES point_assessments (id) ON DELETE CASCADE,
    opinion TEXT NOT NULL,
    proposed_level TEXT CHECK (proposed_level IN ('excellent', 'good', 'completed', 'not_completed')),
    reviewed_by TEXT NOT NULL,
    reviewed_at TIMESTAMP NOT NULL
);
