DROP TABLE member_suspensions;
