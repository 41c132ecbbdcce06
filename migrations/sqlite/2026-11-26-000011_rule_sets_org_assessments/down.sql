DROP TABLE org_assessments;
DROP TABLE rule_sets;
