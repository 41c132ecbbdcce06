-- The organisation tree (GLOSSARY "Organisation"). `path` is the materialised path of ids,
-- '/1/4/9/', so a subtree is one indexed prefix query.
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('province', 'district', 'base', 'branch', 'cell')),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    parent_id BIGINT REFERENCES organizations (id),
    path TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX organizations_parent_id ON organizations (parent_id);
