-- +goose Up
-- Sign-in through the city's unified identity provider: the subject (with
-- its issuer) an administrator linked to a user, and the sign-ins of
-- subjects nobody is linked to yet, once per subject, for the
-- administrators to link. Empty strings mean no link, so the unique index
-- only holds the linked.
ALTER TABLE users ADD COLUMN oidc_issuer TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN oidc_subject TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX users_oidc_subject ON users (oidc_issuer, oidc_subject) WHERE oidc_subject <> '';

CREATE TABLE oidc_requests (
    id INTEGER PRIMARY KEY,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 1,
    first_at TEXT NOT NULL,
    last_at TEXT NOT NULL,
    UNIQUE (issuer, subject)
);
CREATE INDEX oidc_requests_last ON oidc_requests (last_at);

-- +goose Down
DROP TABLE oidc_requests;
DROP INDEX users_oidc_subject;
ALTER TABLE users DROP COLUMN oidc_subject;
ALTER TABLE users DROP COLUMN oidc_issuer;
