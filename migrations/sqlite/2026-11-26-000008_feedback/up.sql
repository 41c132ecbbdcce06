-- Feedback (M2, P1, P2): requests per member to the workplace's mass organisations (in
-- clusters led by a named branch secretary), to the residence committee (by hand or by post),
-- or from the key-cadre meeting (O6); and the branch committee's consolidated opinion.
CREATE TABLE feedback_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    source TEXT NOT NULL CHECK (source IN ('workplace', 'residence', 'key_cadre_meeting')),
    provider_user_id BIGINT REFERENCES users (id),
    cluster TEXT,
    led_by TEXT,
    delivery TEXT CHECK (delivery IN ('hand', 'post')),
    sent_on DATE,
    due_on DATE,
    returned_on DATE,
    content TEXT,
    proposed_level TEXT CHECK (proposed_level IN ('excellent', 'good', 'completed', 'not_completed')),
    answered_by TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX feedback_requests_cycle ON feedback_requests (cycle_id);
CREATE INDEX feedback_requests_provider ON feedback_requests (provider_user_id);

CREATE TABLE consolidated_opinions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    content TEXT NOT NULL,
    proposed_level TEXT CHECK (proposed_level IN ('excellent', 'good', 'completed', 'not_completed')),
    written_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (cycle_id, member_id)
);
