-- A member's results across cycles (issue #18): the shortcomings of last year's review shown
-- with every self-review (M9), a member's history and dossier. Without it each read scanned
-- every result of the province (a parallel scan of 200,000 rows, about 20 ms), which under the
-- deadline week's self-review saves took both cores.
CREATE INDEX classification_results_member ON classification_results (member_id, id);
