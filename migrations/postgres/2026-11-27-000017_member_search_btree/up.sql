-- The search looks for a key anywhere in the name (LIKE '%…%'): a btree on search_key serves
-- none of it (the trigram index and the list's covering index do). One index less to keep up
-- on every write and to build after a bulk import.
DROP INDEX members_search_key;
