-- pgbench (issue #18): a naive bare-SQL rendition of the people's pages — one indexed query per
-- page for a random person (bench_people: the branch ids of their scope, resolved beforehand)
-- and a random search (bench_terms): the members of those branches whose search key holds the
-- term, the first 50 in Vietnamese order. No count, no branch names, no JSON, no
-- authorisation: the floor an application is compared with.
-- The person's branch ids and the pattern are read first (a primary-key lookup) and written
-- into the query as literals, as an application binds them: the planner sees the values and
-- chooses per query between the scope's branch index and the trigram index. (Read through a
-- subselect, they are unknown when the query is planned, and a generic plan walks the
-- province's list in order: 180 queries/s where this gives the planner its real choice.)
\set p random(1, 390)
\set t random(1, 40)
SELECT quote_literal(p.branch_ids::text) AS ids, quote_literal('%' || t.term || '%') AS pat
  FROM bench_people p, bench_terms t
 WHERE p.n = :p AND t.n = :t \gset
SELECT m.id, m.full_name, m.card_number, m.branch_id, m.status, m.category, m.date_of_birth
  FROM members m
 WHERE m.branch_id = ANY (:ids::bigint[])
   AND m.search_key LIKE :pat
 ORDER BY m.sort_key, m.id
 LIMIT 50;
