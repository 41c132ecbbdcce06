-- The twin of PostgreSQL's trigram indexes: SQLite has no index for `LIKE '%key%'` (the
-- search scans, which an embedded registry of a few thousand members does in milliseconds).
-- The statistics find each member's standing result of the year.
CREATE INDEX classification_results_member ON classification_results (member_id);
