-- A scope's roster (issue #18: what its member pages are found in) is read branch by branch,
-- in this index's order, and every column it reads is in the index (a covering index: SQLite
-- has no INCLUDE, so they follow the key). It replaces the branch's ordered index, whose key
-- it keeps: the list of a branch reads it as before.
DROP INDEX members_branch_sort;
CREATE INDEX members_roster ON members (branch_id, sort_key, id, search_key, card_number,
    status, category, exempt, attached, active);
