DROP TABLE branch_opinions;
DROP TABLE appraisal_teams;
DROP TABLE review_meetings;
