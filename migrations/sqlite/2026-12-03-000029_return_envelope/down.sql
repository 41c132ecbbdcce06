ALTER TABLE feedback_requests DROP COLUMN return_envelope;
