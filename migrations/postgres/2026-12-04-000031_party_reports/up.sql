-- Plan II.1, guidance III.1 / D1 and D4 (issue #16): the reports an organisation's committee
-- writes in the system — its collective review report (D1) and its yearly party-building
-- summary (D4) — drafted with the year's figures inserted, saved as versions, approved with a
-- number from the issuing body's register and dated on the approval, then filed in the
-- dossier; and the inspection commission's consolidated report on the review suggestions (P3,
-- guidance C.3), issued by the commission. One report of each kind per organisation and year.
CREATE TABLE party_reports (
    id BIGSERIAL PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('collective_review', 'party_building_summary', 'inspection_summary')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- Who signs for the committee (T/M ĐẢNG ỦY … BÍ THƯ) and their name.
    signer_title TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    -- Raised by each save; a save naming another version is refused (412).
    version INTEGER NOT NULL CHECK (version >= 1),
    status TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
    -- Set together on approval: the register's number ("12-BC/ĐU"), the document's date, the
    -- approver; the body then holds the figures as they were that day.
    register_seq INTEGER,
    number TEXT,
    dated_on DATE,
    approved_by TEXT,
    approved_at TIMESTAMP,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (organization_id, year, kind),
    CHECK ((status = 'draft') = (number IS NULL)),
    CHECK ((status = 'draft') = (dated_on IS NULL))
);

-- Every saved version of a report's text, kept.
CREATE TABLE party_report_versions (
    report_id BIGINT NOT NULL REFERENCES party_reports (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    PRIMARY KEY (report_id, version)
);

-- The issuing body's register of document numbers (Hướng dẫn 36-HD/VPTW: numbered from 01
-- for each type of document the committee issues). One counter per organisation, type and
-- year: the term of office is not modelled, so the year stands for it (a choice, issue #16).
CREATE TABLE document_register (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    doc_type TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_number INTEGER NOT NULL CHECK (last_number >= 1),
    PRIMARY KEY (organization_id, doc_type, year)
);
