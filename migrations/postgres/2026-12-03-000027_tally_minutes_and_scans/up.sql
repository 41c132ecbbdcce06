-- Guidance 2.2.4 (the counting committee reports the count to the branch): what the tally
-- minutes record beside the votes: the ballots issued, returned, valid and invalid, and the
-- members of the counting committee. One row per session, written by its branch committee.
CREATE TABLE tally_minutes (
    session_id BIGINT PRIMARY KEY REFERENCES voting_sessions (id) ON DELETE CASCADE,
    ballots_issued INTEGER NOT NULL CHECK (ballots_issued >= 0),
    ballots_returned INTEGER NOT NULL CHECK (ballots_returned >= 0 AND ballots_returned <= ballots_issued),
    ballots_valid INTEGER NOT NULL CHECK (ballots_valid >= 0),
    ballots_invalid INTEGER NOT NULL CHECK (ballots_invalid >= 0 AND ballots_valid + ballots_invalid = ballots_returned),
    -- JSON array of the tellers' names, the head first.
    counting_committee TEXT NOT NULL,
    chaired_by TEXT NOT NULL,
    recorded_by_name TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Guidance 2.2.4 / D2: the opinions the branch meeting gave on each member; 2.2.5c / M9: the
-- shortcomings of a member classified completed and the date to remedy them.
CREATE TABLE meeting_notes (
    session_id BIGINT NOT NULL REFERENCES voting_sessions (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    opinions TEXT,
    shortcomings TEXT,
    remedy_by DATE,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (session_id, member_id),
    CHECK ((shortcomings IS NULL) = (remedy_by IS NULL))
);

-- M9 end: carried on the result, so the member's record and next year's review show them.
ALTER TABLE classification_results ADD COLUMN shortcomings TEXT;
ALTER TABLE classification_results ADD COLUMN remedy_by DATE;

-- Signed originals (issue #16): a scan of the signed minutes or report, attached to the record
-- it proves. PDF, JPEG or PNG only (checked by content), never served inline.
CREATE TABLE attachments (
    id BIGSERIAL PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    -- The organisation whose record it is (its path scopes who reads it).
    org_path TEXT NOT NULL,
    record_kind TEXT NOT NULL CHECK (record_kind IN ('voting_session', 'cycle')),
    record_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size BIGINT NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX attachments_record ON attachments (record_kind, record_id);
CREATE INDEX attachments_cycle ON attachments (cycle_id);
