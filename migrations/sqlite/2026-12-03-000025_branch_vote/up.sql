-- S10 (a rule set's choice, `branch_vote`): the branch meeting's vote on a member, as its
-- committee records the tally: M6's D (the official members counted) and the votes per level.
-- All five are present, or none (no vote held).
ALTER TABLE point_branch_reviews ADD COLUMN vote_counted INTEGER CHECK (vote_counted > 0);
ALTER TABLE point_branch_reviews ADD COLUMN vote_excellent INTEGER CHECK (vote_excellent >= 0);
ALTER TABLE point_branch_reviews ADD COLUMN vote_good INTEGER CHECK (vote_good >= 0);
ALTER TABLE point_branch_reviews ADD COLUMN vote_completed INTEGER CHECK (vote_completed >= 0);
ALTER TABLE point_branch_reviews ADD COLUMN vote_not_completed INTEGER CHECK (vote_not_completed >= 0);
