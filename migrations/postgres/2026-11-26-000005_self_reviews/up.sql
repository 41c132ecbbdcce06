-- Self-reviews (bản tự kiểm điểm, M3): one per member and cycle, every saved version kept.
CREATE TABLE self_reviews (
    id BIGSERIAL PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
    -- Entered by the branch committee from a paper form.
    on_behalf BOOLEAN NOT NULL DEFAULT FALSE,
    return_comment TEXT,
    current_version INTEGER NOT NULL,
    submitted_at TIMESTAMP,
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (cycle_id, member_id)
);

CREATE TABLE self_review_versions (
    id BIGSERIAL PRIMARY KEY,
    self_review_id BIGINT NOT NULL REFERENCES self_reviews (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    political_ideology TEXT NOT NULL,
    ethics_lifestyle TEXT NOT NULL,
    duties TEXT NOT NULL,
    organisation_discipline TEXT NOT NULL,
    shortcomings TEXT NOT NULL,
    remedies TEXT NOT NULL,
    suggestion_answers TEXT NOT NULL,
    self_assessed_level TEXT CHECK (self_assessed_level IN ('excellent', 'good', 'completed', 'not_completed')),
    saved_by TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    UNIQUE (self_review_id, version)
);
