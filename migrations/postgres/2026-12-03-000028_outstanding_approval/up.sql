-- Q3 (guidance 2.2.5a): a branch's especially outstanding achievements raise its quota to 20%
-- only once its superior (the committee running the cycle) approves them. The branch claims
-- them when it opens the session (`outstanding_unit`); the decision is recorded here.
ALTER TABLE voting_sessions ADD COLUMN outstanding_decision TEXT CHECK (outstanding_decision IN ('approved', 'refused'));
ALTER TABLE voting_sessions ADD COLUMN outstanding_decided_by TEXT;
ALTER TABLE voting_sessions ADD COLUMN outstanding_decided_at TIMESTAMP;
