-- Rewards (W1–W6): emulation registrations at the start of the year (a precondition), and
-- nominations with their status; a revoked reward stays, with its reason.
CREATE TABLE emulation_registrations (
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    year INTEGER NOT NULL,
    registered_on DATE NOT NULL,
    registered_by TEXT NOT NULL,
    PRIMARY KEY (organization_id, year)
);

CREATE TABLE reward_nominations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL,
    reward TEXT NOT NULL CHECK (reward IN ('member_certificate', 'member_commendation',
        'branch_certificate', 'base_certificate', 'base_commendation', 'base_banner')),
    member_id BIGINT REFERENCES members (id),
    organization_id BIGINT REFERENCES organizations (id),
    nominating_organization_id BIGINT NOT NULL REFERENCES organizations (id),
    status TEXT NOT NULL CHECK (status IN ('nominated', 'approved', 'rejected', 'revoked')),
    note TEXT,
    nominated_by TEXT NOT NULL,
    decided_by TEXT,
    decision_comment TEXT,
    revoked_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((member_id IS NULL) <> (organization_id IS NULL))
);
CREATE INDEX reward_nominations_by ON reward_nominations (nominating_organization_id, year, reward);
