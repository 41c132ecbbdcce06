DROP TABLE point_branch_reviews;
