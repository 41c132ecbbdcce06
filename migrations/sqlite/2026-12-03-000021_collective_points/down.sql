DROP TABLE org_point_assessments;
