DROP TABLE point_quota_groups;
DROP INDEX classification_results_decided;
