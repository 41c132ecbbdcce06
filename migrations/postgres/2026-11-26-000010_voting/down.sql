DELETE FROM member_history WHERE source IN ('classified', 'reclassified');
DROP TABLE classification_results;
DROP TABLE ballots;
DROP TABLE ballot_participations;
DROP TABLE tally_entries;
DROP TABLE session_roll;
DROP TABLE voting_sessions;
