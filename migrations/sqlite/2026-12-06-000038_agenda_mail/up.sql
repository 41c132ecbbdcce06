-- Issue #17: the agenda by e-mail, when an SMTP server is configured. A login's own address
-- (a mass organisation's account has no member record); without one, its member's address.
ALTER TABLE users ADD COLUMN email TEXT;
-- One agenda e-mail per person per day, whichever instance sends it.
CREATE TABLE agenda_mails (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sent_on DATE NOT NULL,
    items INTEGER NOT NULL,
    PRIMARY KEY (user_id, sent_on)
);
