DROP TABLE point_assessments;
