DROP TABLE points_decisions;
