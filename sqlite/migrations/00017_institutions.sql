-- +goose Up
-- Financial institutions (issue 14): insurers, banks, leasing firms and
-- government investment funds, each a record of its own; the users of the
-- 保险机构/金融机构 role belong to one, as buyer users to a buyer.
-- As in 00001: times are TEXT (UTC).
CREATE TABLE institutions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    credit_code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX institutions_kind ON institutions (kind, id);

ALTER TABLE users ADD COLUMN institution_id INTEGER REFERENCES institutions (id);
CREATE INDEX users_institution ON users (institution_id) WHERE institution_id IS NOT NULL;

-- +goose Down
DROP INDEX users_institution;
ALTER TABLE users DROP COLUMN institution_id;
DROP TABLE institutions;
