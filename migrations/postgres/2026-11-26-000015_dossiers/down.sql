DROP TABLE dossier_submissions;
