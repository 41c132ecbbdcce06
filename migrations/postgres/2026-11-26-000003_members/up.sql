-- The member registry (GLOSSARY "Members"), discipline records, long absences per year and
-- the yearly classification history (W1 streaks need past years).
CREATE TABLE members (
    id BIGSERIAL PRIMARY KEY,
    card_number TEXT UNIQUE,
    full_name TEXT NOT NULL,
    -- Lowercase, no diacritics, đ → d: what search compares against.
    search_key TEXT NOT NULL,
    -- Given, middle, family name in the Vietnamese alphabet: what lists sort by.
    sort_key TEXT COLLATE "C" NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    date_of_birth DATE NOT NULL,
    branch_id BIGINT NOT NULL REFERENCES organizations (id),
    cell_id BIGINT REFERENCES organizations (id),
    status TEXT NOT NULL CHECK (status IN ('official', 'probationary')),
    admitted_on DATE NOT NULL,
    official_on DATE,
    category TEXT NOT NULL CHECK (category IN ('civil_servant', 'student', 'business', 'resident', 'other')),
    exempt BOOLEAN NOT NULL DEFAULT FALSE,
    attached BOOLEAN NOT NULL DEFAULT FALSE,
    home_branch_name TEXT,
    leadership_post TEXT,
    leadership_level TEXT CHECK (leadership_level IN ('grassroots', 'above_grassroots')),
    workplace_unit TEXT,
    workplace_post TEXT,
    residence_address TEXT,
    residence_committee_name TEXT,
    residence_committee_contact TEXT,
    residence_committee_address TEXT,
    phone TEXT,
    email TEXT,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    left_on DATE,
    left_reason TEXT CHECK (left_reason IN ('transfer', 'death', 'expulsion', 'removal', 'resignation', 'other')),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX members_branch_sort ON members (branch_id, sort_key, id);
CREATE INDEX members_sort ON members (sort_key, id);
CREATE INDEX members_search_key ON members (search_key);

CREATE TABLE member_long_absences (
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    PRIMARY KEY (member_id, year)
);

CREATE TABLE disciplines (
    id BIGSERIAL PRIMARY KEY,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    form TEXT NOT NULL,
    issuing_body TEXT NOT NULL,
    decided_on DATE NOT NULL,
    term_ends_on DATE,
    note TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX disciplines_member ON disciplines (member_id);

CREATE TABLE member_history (
    id BIGSERIAL PRIMARY KEY,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('excellent', 'good', 'completed', 'not_completed')),
    organization_name TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('recorded', 'imported')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (member_id, year)
);
