DROP TABLE org_history;
