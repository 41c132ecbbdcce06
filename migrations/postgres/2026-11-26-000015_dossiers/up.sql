-- The base organisation's yearly dossier (D4) as submitted to the superior: every submission
-- keeps its archive (D5: documents are archived), its manifest and its checksum; a returned
-- submission stays beside the next one.
CREATE TABLE dossier_submissions (
    id BIGSERIAL PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'returned', 'accepted')),
    deadline DATE,
    late BOOLEAN NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    archive BYTEA NOT NULL,
    archive_sha256 TEXT NOT NULL,
    manifest TEXT NOT NULL,
    decided_by TEXT,
    decided_at TIMESTAMP,
    decision_comment TEXT,
    UNIQUE (organization_id, year, number)
);
