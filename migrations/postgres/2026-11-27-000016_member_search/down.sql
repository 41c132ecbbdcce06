DROP INDEX classification_results_member;
DROP INDEX members_card_trgm;
DROP INDEX members_search_trgm;
