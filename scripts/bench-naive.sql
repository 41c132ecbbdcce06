-- pgbench (issue #18): a naive bare-SQL rendition of the people's pages — one indexed query per
-- page for a random person (bench_people: the branch ids of their scope, resolved beforehand)
-- and a random search (bench_terms): the members of those branches whose search key holds the
-- term, the first 50 in Vietnamese order. No count, no branch names, no JSON, no
-- authorisation: the floor an application is compared with.
\set p random(1, 390)
\set t random(1, 40)
SELECT m.id, m.full_name, m.card_number, m.branch_id, m.status, m.category, m.date_of_birth
  FROM members m
 WHERE m.branch_id = ANY ((SELECT branch_ids FROM bench_people WHERE n = :p)::bigint[])
   AND m.search_key LIKE (SELECT '%' || term || '%' FROM bench_terms WHERE n = :t)
 ORDER BY m.sort_key, m.id
 LIMIT 50;
