-- The member list's searches are `LIKE '%key%'` on the diacritic-free search key and the card
-- number; trigram indexes (pg_trgm, in PostgreSQL's standard contrib, trusted since 13) let a
-- rare key find its few members without scanning the registry.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX members_search_trgm ON members USING gin (search_key gin_trgm_ops);
CREATE INDEX members_card_trgm ON members USING gin (card_number gin_trgm_ops);
-- The statistics find each member's standing result of the year.
CREATE INDEX classification_results_member ON classification_results (member_id);
