-- +goose Up
-- Accountability on the market side: fault-tolerance exemption requests
-- (容错免责, 2024 measures （六）) and their decisions, tender checks a buyer
-- saves with its purchase and the marks on their findings, and complaints
-- (投诉) about tender documents (2024 measures （四）, 2018 opinions （十四）).
-- As in 00001: times are TEXT (UTC), dates TEXT YYYY-MM-DD (NULL for none).
CREATE TABLE exemptions (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    procurement_id INTEGER NOT NULL REFERENCES procurements (id),
    buyer_id INTEGER NOT NULL REFERENCES buyers (id),
    account TEXT NOT NULL,
    conditions TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    requested_on TEXT NOT NULL,
    decided_by INTEGER REFERENCES users (id),
    decided_at TEXT,
    decided_on TEXT,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- One open request per purchase: a second waits for the first's decision.
CREATE UNIQUE INDEX exemptions_open ON exemptions (procurement_id) WHERE status = 'submitted';
CREATE INDEX exemptions_buyer ON exemptions (buyer_id, id);
CREATE INDEX exemptions_requested ON exemptions (requested_on);
CREATE INDEX exemptions_decided ON exemptions (decided_on) WHERE decided_on IS NOT NULL;

CREATE TABLE tender_checks (
    id INTEGER PRIMARY KEY,
    buyer_id INTEGER REFERENCES buyers (id),
    procurement_id INTEGER REFERENCES procurements (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    report TEXT NOT NULL,
    findings INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX tender_checks_buyer ON tender_checks (buyer_id, id);

-- A finding of a saved check marked fixed or explained; n is its index in
-- the report, from 1.
CREATE TABLE tender_check_marks (
    check_id INTEGER NOT NULL REFERENCES tender_checks (id),
    n INTEGER NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    marked_by INTEGER REFERENCES users (id),
    marked_at TEXT NOT NULL,
    PRIMARY KEY (check_id, n)
);

CREATE TABLE complaints (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    tender_check_id INTEGER REFERENCES tender_checks (id),
    buyer_id INTEGER REFERENCES buyers (id),
    tender_title TEXT NOT NULL,
    account TEXT NOT NULL,
    status TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    answered_by INTEGER REFERENCES users (id),
    answered_at TEXT,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX complaints_enterprise ON complaints (enterprise_id, id);

-- +goose Down
DROP TABLE complaints;
DROP TABLE tender_check_marks;
DROP TABLE tender_checks;
DROP TABLE exemptions;
