-- The competent level's decision on a points cycle (RULES-2025.md S7, S10).
-- At most one standing decided result per member and cycle: two decisions sent at once cannot
-- both record (the second finds the first's rows), whatever the application checks before.
CREATE UNIQUE INDEX classification_results_decided ON classification_results (cycle_id, member_id)
    WHERE session_id IS NULL AND state IN ('proposed', 'approved');

-- S7: the quota groups the competent level defines on its decision page (persons of similar
-- position counted together). A member of the cycle not listed here is in the default group:
-- the members of one base organisation on the same frame.
CREATE TABLE point_quota_groups (
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    PRIMARY KEY (cycle_id, member_id)
);
