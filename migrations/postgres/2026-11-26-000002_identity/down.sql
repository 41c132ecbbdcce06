DROP TABLE audit_log;
DROP TABLE refresh_tokens;
DROP TABLE service_accounts;
DROP TABLE role_assignments;
DROP TABLE users;
