DROP TABLE member_history;
DROP TABLE disciplines;
DROP TABLE member_long_absences;
DROP TABLE members;
