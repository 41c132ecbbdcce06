-- A scope's roster (issue #18: what its member pages are found in) is read branch by branch,
-- in this index's order, and every column it reads is in the index: an index-only scan, with
-- no visit to the table and no sort (a district's 9,575 members: 20.6 ms → 4.9 ms in
-- PostgreSQL on 200,000 members, most of it the table's 5,400 scattered pages). It replaces
-- the branch's ordered index, whose key it keeps: the list of a branch reads it as before.
DROP INDEX members_branch_sort;
CREATE INDEX members_roster ON members (branch_id, sort_key, id)
    INCLUDE (search_key, card_number, status, category, exempt, attached, active);
