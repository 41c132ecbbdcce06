DROP INDEX members_list;
CREATE INDEX members_sort ON members (sort_key, id);
DROP INDEX classification_results_member;
DROP INDEX members_search_trgm;
