-- +goose Up
-- Complaints about tender documents (招标投诉) as the supervisor handles
-- them: the product shut out, the buyer by name when it is not on the
-- platform, the contested clauses with the checker's report on them, and
-- the acceptance and handling stages with their time limits. 00015 made
-- the table; nothing wrote to it before this migration.
-- As in 00001: times are TEXT (UTC), dates TEXT YYYY-MM-DD (NULL for none).
ALTER TABLE complaints ADD COLUMN product_id INTEGER REFERENCES products (id);
ALTER TABLE complaints ADD COLUMN buyer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN tender_number TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN clauses TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN clause_report TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN clause_findings INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN filed_on TEXT;
ALTER TABLE complaints ADD COLUMN due_on TEXT;
ALTER TABLE complaints ADD COLUMN accepted_by INTEGER REFERENCES users (id);
ALTER TABLE complaints ADD COLUMN accepted_at TEXT;
ALTER TABLE complaints ADD COLUMN answered_on TEXT;
-- A saved tender check may come from an uploaded file, named here.
ALTER TABLE tender_checks ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
CREATE INDEX complaints_buyer ON complaints (buyer_id, id);
CREATE INDEX complaints_open ON complaints (status, due_on);
CREATE INDEX complaints_filed ON complaints (filed_on);

-- +goose Down
-- SQLite cannot drop a column that is in a foreign key: the table is
-- rebuilt in its 00015 shape.
DROP INDEX complaints_filed;
DROP INDEX complaints_open;
DROP INDEX complaints_buyer;
DROP INDEX complaints_enterprise;
ALTER TABLE tender_checks DROP COLUMN file_name;
CREATE TABLE complaints_00015 (
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
INSERT INTO complaints_00015 SELECT id, number, enterprise_id, tender_check_id, buyer_id, tender_title, account,
    status, answer, answered_by, answered_at, created_by, created_at, updated_at FROM complaints;
DROP TABLE complaints;
ALTER TABLE complaints_00015 RENAME TO complaints;
CREATE INDEX complaints_enterprise ON complaints (enterprise_id, id);
