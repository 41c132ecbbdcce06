CREATE INDEX members_search_key ON members (search_key);
