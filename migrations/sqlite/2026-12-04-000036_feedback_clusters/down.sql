DROP TABLE collective_feedback;
DROP TABLE feedback_clusters;
