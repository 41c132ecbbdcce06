-- P2 (plan II.2.2.2): a residence form sent by post goes with a stamped return envelope;
-- the committee records that it did.
ALTER TABLE feedback_requests ADD COLUMN return_envelope BOOLEAN NOT NULL DEFAULT FALSE;
