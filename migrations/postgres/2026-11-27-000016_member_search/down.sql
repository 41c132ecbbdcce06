DROP INDEX members_list;
CREATE INDEX members_sort ON members (sort_key, id);
DROP INDEX members_search_trgm;
