DROP TABLE consolidated_opinions;
DROP TABLE feedback_requests;
