-- Professional ratings (xếp loại CBCCVC, M2, M9, M13) per member and cycle, with the year's
-- honours (M8) and the branch's attestation.
CREATE TABLE professional_ratings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id BIGINT NOT NULL REFERENCES review_cycles (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id),
    level TEXT NOT NULL CHECK (level IN ('excellent', 'good', 'completed', 'completed_limited', 'not_completed')),
    rating_unit TEXT NOT NULL,
    -- M13: the main and highest post the rating is for.
    post TEXT NOT NULL,
    -- Comma-separated: emulation_title, ministry_province_commendation, certificate_of_merit, academic_excellent.
    honours TEXT NOT NULL,
    attested_exemplary BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (cycle_id, member_id)
);
