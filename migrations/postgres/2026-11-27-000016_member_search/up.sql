-- The member list's name searches are `LIKE '%key%'` on the diacritic-free search key; a
-- trigram index (pg_trgm, in PostgreSQL's standard contrib, trusted since 13) lets a rare key
-- find its few members without scanning the registry. (Not on the card number: the import's
-- `card_number = ANY(…)` lookups would be planned on it and scan its pending list.)
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX members_search_trgm ON members USING gin (search_key gin_trgm_ops);
-- The member list's pages: every column a list filters on is in the index, so finding a page's
-- ids (past the rows of earlier pages) is an index-only scan.
DROP INDEX members_sort;
CREATE INDEX members_list ON members (sort_key, id)
    INCLUDE (branch_id, active, status, category, exempt, attached, search_key, card_number);
