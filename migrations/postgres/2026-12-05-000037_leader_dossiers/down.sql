DELETE FROM dossier_submissions WHERE kind <> 'base';
ALTER TABLE dossier_submissions DROP CONSTRAINT dossier_submissions_kind_number_key;
ALTER TABLE dossier_submissions
    ADD CONSTRAINT dossier_submissions_organization_id_year_number_key UNIQUE (organization_id, year, number);
ALTER TABLE dossier_submissions DROP COLUMN kind;
