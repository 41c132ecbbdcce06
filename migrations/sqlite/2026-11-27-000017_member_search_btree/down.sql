-- PostgreSQL drops its btree on search_key (unused there). SQLite keeps it: with no trigram
-- index, it counts a search by scanning this index instead of the table.
SELECT 1;
