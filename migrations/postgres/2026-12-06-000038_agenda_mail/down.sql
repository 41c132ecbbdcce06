DROP TABLE agenda_mails;
ALTER TABLE users DROP COLUMN email;
