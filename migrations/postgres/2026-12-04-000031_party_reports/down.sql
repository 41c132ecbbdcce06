DROP TABLE document_register;
DROP TABLE party_report_versions;
DROP TABLE party_reports;
