-- Plan II.5 (RULES.md P1): the leaders' dossier goes to the province before 15/12, beside the
-- base's own dossier to the district; each kind of submission has its own numbering.
ALTER TABLE dossier_submissions
    ADD COLUMN kind TEXT NOT NULL DEFAULT 'base' CHECK (kind IN ('base', 'leaders'));
ALTER TABLE dossier_submissions DROP CONSTRAINT dossier_submissions_organization_id_year_number_key;
ALTER TABLE dossier_submissions
    ADD CONSTRAINT dossier_submissions_kind_number_key UNIQUE (organization_id, year, kind, number);
