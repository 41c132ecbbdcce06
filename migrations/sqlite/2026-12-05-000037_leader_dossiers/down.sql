CREATE TABLE dossier_submissions_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'returned', 'accepted')),
    deadline DATE,
    late BOOLEAN NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    archive BLOB NOT NULL,
    archive_sha256 TEXT NOT NULL,
    manifest TEXT NOT NULL,
    decided_by TEXT,
    decided_at TIMESTAMP,
    decision_comment TEXT,
    UNIQUE (organization_id, year, number)
);
INSERT INTO dossier_submissions_new (id, organization_id, year, number, status, deadline, late, submitted_by, submitted_at, archive, archive_sha256, manifest, decided_by, decided_at, decision_comment)
    SELECT id, organization_id, year, number, status, deadline, late, submitted_by, submitted_at, archive, archive_sha256, manifest, decided_by, decided_at, decision_comment FROM dossier_submissions WHERE kind = 'base';
DROP TABLE dossier_submissions;
ALTER TABLE dossier_submissions_new RENAME TO dossier_submissions;
