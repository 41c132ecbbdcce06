-- Idempotency-Key (integration POSTs): the first answer to a key is kept and replayed for the
-- same request; the same key with another request is refused.
CREATE TABLE idempotency_keys (
    subject TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (subject, idempotency_key)
);
