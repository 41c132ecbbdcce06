-- The twin of PostgreSQL's trigram and covering indexes for the member list: SQLite has no
-- index for `LIKE '%key%'` (the search scans, which an embedded registry of a few thousand
-- members does in milliseconds), and its list pages already read `members_sort`. Nothing to do.
SELECT 1;
