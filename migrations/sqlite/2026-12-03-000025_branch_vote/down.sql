ALTER TABLE point_branch_reviews DROP COLUMN vote_not_completed;
ALTER TABLE point_branch_reviews DROP COLUMN vote_completed;
ALTER TABLE point_branch_reviews DROP COLUMN vote_good;
ALTER TABLE point_branch_reviews DROP COLUMN vote_excellent;
ALTER TABLE point_branch_reviews DROP COLUMN vote_counted;
