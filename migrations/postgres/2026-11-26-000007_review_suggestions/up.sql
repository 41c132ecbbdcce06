-- Review suggestions (gợi ý kiểm điểm, M2, P3, D5) to a member or a collective, answered
-- with an explanation.
CREATE TABLE review_suggestions (
    id BIGSERIAL PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    member_id BIGINT REFERENCES members (id),
    organization_id BIGINT REFERENCES organizations (id),
    -- The path of the subject (the member's branch, or the collective), for scoping.
    subject_path TEXT NOT NULL,
    issuer_role TEXT NOT NULL CHECK (issuer_role IN ('admin', 'committee', 'branch_committee', 'inspection')),
    issued_by TEXT NOT NULL,
    content TEXT NOT NULL,
    due_on DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'answered')),
    explanation TEXT,
    answered_by TEXT,
    answered_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    CHECK ((member_id IS NULL) <> (organization_id IS NULL))
);
CREATE INDEX review_suggestions_cycle ON review_suggestions (cycle_id);
