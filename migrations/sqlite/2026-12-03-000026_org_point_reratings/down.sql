ALTER TABLE org_point_assessments DROP COLUMN decided_outstanding;
DROP TABLE org_point_reratings;
