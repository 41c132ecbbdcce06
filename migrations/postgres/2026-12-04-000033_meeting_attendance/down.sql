ALTER TABLE key_cadre_meetings DROP COLUMN attendee_names;
ALTER TABLE key_cadre_meetings DROP COLUMN kind;
