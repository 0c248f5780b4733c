-- +goose Up
-- Signed certificates of recognised products, the keys that sign them,
-- each product's history in the catalog (adjustments and expiry), and the
-- validity reminders already sent.
CREATE TABLE signing_keys (
    id TEXT PRIMARY KEY,
    public_key BLOB NOT NULL,
    -- The encoded private key; NULL when the key lives in a file.
    private_key BLOB,
    active INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    retired_at TEXT
);
-- One key signs at a time: instances starting together create one.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (active) WHERE active = 1;

CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    product_id INTEGER NOT NULL REFERENCES products (id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    key_id TEXT NOT NULL REFERENCES signing_keys (id),
    token TEXT NOT NULL,
    product_name TEXT NOT NULL,
    model TEXT NOT NULL DEFAULT '',
    enterprise_name TEXT NOT NULL,
    credit_code TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    innovation_level TEXT NOT NULL DEFAULT '',
    document_number TEXT NOT NULL DEFAULT '',
    recognized_on TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    superseded_by TEXT
);
CREATE UNIQUE INDEX certificates_current ON certificates (product_id) WHERE superseded_by IS NULL;

CREATE TABLE product_events (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    actor_id INTEGER,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    document TEXT NOT NULL DEFAULT '',
    status_before TEXT NOT NULL DEFAULT '',
    status_after TEXT NOT NULL DEFAULT '',
    valid_until_before TEXT,
    valid_until_after TEXT,
    certificate TEXT NOT NULL DEFAULT '',
    case_number TEXT NOT NULL DEFAULT ''
);
CREATE INDEX product_events_product ON product_events (product_id, id);
CREATE INDEX products_recognised ON products (id) WHERE status = 'recognised';

CREATE TABLE validity_reminders (
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    days INTEGER NOT NULL,
    valid_until TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (product_id, days, valid_until)
);

-- A notice whose period ended is reported to the reviewers once.
CREATE TABLE notice_endings (
    notice_id INTEGER PRIMARY KEY REFERENCES notices (id) ON DELETE CASCADE,
    sent_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE notice_endings;
DROP TABLE validity_reminders;
DROP INDEX products_recognised;
DROP TABLE product_events;
DROP TABLE certificates;
DROP TABLE signing_keys;
