DROP TABLE professional_ratings;
