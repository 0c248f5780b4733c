-- +goose Up
-- Financing requests (issue 14, M24-7, O18-11): an enterprise's request for
-- a loan, a lease or a pledge financing, the products it concerns, and one
-- answer per bank or leasing firm it was shared with (pending until the
-- lender answers; the offer's terms once it offers). Amounts are fen, rates
-- basis points (hundredths of a percent).
-- As in 00001: times are TEXT (UTC).
CREATE TABLE financing_requests (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    kind TEXT NOT NULL,
    amount INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    status TEXT NOT NULL,
    accepted_offer_id INTEGER,
    reason TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX financing_requests_enterprise ON financing_requests (enterprise_id, id);
CREATE TABLE financing_request_products (
    request_id INTEGER NOT NULL REFERENCES financing_requests (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    PRIMARY KEY (request_id, product_id)
);
CREATE TABLE financing_offers (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES financing_requests (id),
    institution_id INTEGER NOT NULL REFERENCES institutions (id),
    status TEXT NOT NULL,
    amount INTEGER NOT NULL DEFAULT 0,
    rate_bp INTEGER NOT NULL DEFAULT 0,
    term_months INTEGER NOT NULL DEFAULT 0,
    policy_number TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    responded_by INTEGER REFERENCES users (id),
    responded_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (request_id, institution_id)
);
CREATE INDEX financing_offers_institution ON financing_offers (institution_id, status);

-- +goose Down
DROP INDEX financing_offers_institution;
DROP TABLE financing_offers;
DROP TABLE financing_request_products;
DROP INDEX financing_requests_enterprise;
DROP TABLE financing_requests;
