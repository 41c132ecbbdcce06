DROP INDEX members_roster;
CREATE INDEX members_branch_sort ON members (branch_id, sort_key, id);
