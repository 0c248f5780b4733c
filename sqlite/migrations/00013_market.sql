-- +goose Up
-- The market side (issue 13): buyer organisations and their users, their
-- purchases of catalog products with delivery and use, their equipment
-- totals per period (the denominator of a first-set share), and the
-- periodic bulletins composed from them. Money is integer fen.
-- As in 00001: times are TEXT (UTC), dates TEXT YYYY-MM-DD (NULL for none).
CREATE TABLE buyers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    credit_code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    district_code TEXT NOT NULL DEFAULT '',
    supervisor TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX buyers_district ON buyers (district_code);

ALTER TABLE users ADD COLUMN buyer_id INTEGER REFERENCES buyers (id);
CREATE INDEX users_buyer ON users (buyer_id) WHERE buyer_id IS NOT NULL;

CREATE TABLE procurements (
    id INTEGER PRIMARY KEY,
    buyer_id INTEGER NOT NULL REFERENCES buyers (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    project_name TEXT NOT NULL,
    project_kind TEXT NOT NULL,
    contract_date TEXT NOT NULL,
    amount INTEGER NOT NULL,
    method TEXT NOT NULL,
    recommendation TEXT NOT NULL DEFAULT '',
    delivered_on TEXT,
    accepted_on TEXT,
    use_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX procurements_buyer ON procurements (buyer_id, contract_date);
CREATE INDEX procurements_date ON procurements (contract_date, id);
CREATE INDEX procurements_product ON procurements (product_id);

CREATE TABLE equipment_totals (
    id INTEGER PRIMARY KEY,
    buyer_id INTEGER NOT NULL REFERENCES buyers (id),
    period TEXT NOT NULL,
    amount INTEGER NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (buyer_id, period)
);

-- A bulletin is composed (draft), then reviewed and issued; its files are
-- kept as issued, so a download is the document that was published.
CREATE TABLE bulletins (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    public INTEGER NOT NULL DEFAULT 0,
    summary TEXT NOT NULL DEFAULT '',
    purchases INTEGER NOT NULL DEFAULT 0,
    amount INTEGER NOT NULL DEFAULT 0,
    figures TEXT NOT NULL DEFAULT '{}',
    pdf BLOB,
    xlsx BLOB,
    pdf_sha256 TEXT NOT NULL DEFAULT '',
    xlsx_sha256 TEXT NOT NULL DEFAULT '',
    opinion TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    issued_by INTEGER REFERENCES users (id),
    issued_at TEXT
);
CREATE INDEX bulletins_period ON bulletins (period, id);

-- +goose Down
DROP TABLE bulletins;
DROP TABLE equipment_totals;
DROP TABLE procurements;
DROP INDEX users_buyer;
ALTER TABLE users DROP COLUMN buyer_id;
DROP TABLE buyers;
