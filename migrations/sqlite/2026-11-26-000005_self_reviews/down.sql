DROP TABLE self_review_versions;
DROP TABLE self_reviews;
