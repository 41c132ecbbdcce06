-- Plan II.2.1 and II.3 (issue #16): who attended a meeting (not only how many), and which
-- meeting it is: the key-cadre meeting on the leadership (II.2.1) or the leaders' own review
-- meeting of 21–22/11 (II.3), each with its votes on every person reviewed.
ALTER TABLE key_cadre_meetings ADD COLUMN kind TEXT NOT NULL DEFAULT 'key_cadre' CHECK (kind IN ('key_cadre', 'leaders_review'));
-- JSON array of the names of those present, in the order recorded; empty for a meeting
-- recorded before names were kept.
ALTER TABLE key_cadre_meetings ADD COLUMN attendee_names TEXT NOT NULL DEFAULT '[]';
