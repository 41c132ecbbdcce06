-- Plan III (issue #16): the plan's tasks assigned to named members of the standing committee,
-- with their progress, kept per review cycle by the committee that runs it.
CREATE TABLE plan_tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- The standing-committee member in charge, by name (Đ/c …).
    assignee TEXT NOT NULL,
    due_on DATE,
    progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    note TEXT,
    -- Raised by each change; a change naming another version is refused (412).
    version INTEGER NOT NULL CHECK (version >= 1),
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX plan_tasks_cycle ON plan_tasks (cycle_id);
