-- Plan II.2.2.1 (issue #16): the masses of the workplace meet in clusters of branches, each led
-- by a named branch secretary, with their mass organisations; what they say about each branch's
-- leadership (the branch as a collective) is kept with the cluster.
CREATE TABLE feedback_clusters (
    id BIGSERIAL PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- The branch secretary who leads the cluster's meeting, by name.
    leader TEXT NOT NULL,
    -- JSON array of the branches' organisation ids.
    branch_ids TEXT NOT NULL,
    -- JSON array of the mass organisations' names (Công đoàn, Đoàn Thanh niên, …).
    mass_organizations TEXT NOT NULL,
    meeting_on DATE,
    version INTEGER NOT NULL CHECK (version >= 1),
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX feedback_clusters_cycle ON feedback_clusters (cycle_id);

CREATE TABLE collective_feedback (
    id BIGSERIAL PRIMARY KEY,
    cluster_id BIGINT NOT NULL REFERENCES feedback_clusters (id) ON DELETE CASCADE,
    branch_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- The mass organisation that gave the opinion (one of the cluster's).
    source TEXT NOT NULL,
    content TEXT NOT NULL,
    given_on DATE NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX collective_feedback_cluster ON collective_feedback (cluster_id);
