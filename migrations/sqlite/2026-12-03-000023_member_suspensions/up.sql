-- A member suspended from party activities (đình chỉ sinh hoạt đảng) for a time: not
-- classified while suspended on the cycle's reference date (RULES-2025.md S3).
CREATE TABLE member_suspensions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    issuing_body TEXT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE CHECK (ends_on IS NULL OR ends_on >= starts_on),
    note TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX member_suspensions_member ON member_suspensions (member_id);
