DROP TABLE key_cadre_assessments;
DROP TABLE key_cadre_meetings;
