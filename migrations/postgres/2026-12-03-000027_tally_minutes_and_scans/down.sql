DROP TABLE attachments;
ALTER TABLE classification_results DROP COLUMN remedy_by;
ALTER TABLE classification_results DROP COLUMN shortcomings;
DROP TABLE meeting_notes;
DROP TABLE tally_minutes;
