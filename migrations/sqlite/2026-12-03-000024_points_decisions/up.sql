-- The competent level's decision on a points year (S10), once per cycle: whether it raised the
-- quota for outstanding results (S7: 25%), which a later re-rating (Mẫu 03) counts by.
CREATE TABLE points_decisions (
    cycle_id BIGINT PRIMARY KEY REFERENCES review_cycles (id) ON DELETE CASCADE,
    outstanding BOOLEAN NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TIMESTAMP NOT NULL
);
