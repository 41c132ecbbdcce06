-- Identity and access: users, role assignments scoped to organisations, service accounts,
-- refresh-token families, and the audit log.
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    member_id BIGINT,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    -- Bumped when the user is disabled or changes password: older tokens stop working.
    token_epoch INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE role_assignments (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'committee', 'branch_committee', 'inspection',
        'feedback_provider', 'member', 'integration')),
    organization_id BIGINT REFERENCES organizations (id),
    created_at TIMESTAMP NOT NULL,
    CHECK ((role = 'admin') = (organization_id IS NULL))
);
CREATE UNIQUE INDEX role_assignments_unique ON role_assignments (user_id, role, COALESCE(organization_id, 0));
CREATE INDEX role_assignments_organization ON role_assignments (organization_id);

CREATE TABLE service_accounts (
    id BIGSERIAL PRIMARY KEY,
    client_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE refresh_tokens (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    occurred_at TIMESTAMP NOT NULL,
    actor_user_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT,
    -- The materialised path of the organisation the entry belongs to, for scoped reading.
    organization_path TEXT,
    before_json TEXT,
    after_json TEXT,
    request_id TEXT,
    client_addr TEXT
);
CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at);
CREATE INDEX audit_log_organization_path ON audit_log (organization_path);
CREATE INDEX audit_log_organization_path_prefix ON audit_log (organization_path text_pattern_ops);
