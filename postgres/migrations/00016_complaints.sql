-- +goose Up
-- Complaints about tender documents (招标投诉) as the supervisor handles
-- them: the product shut out, the buyer by name when it is not on the
-- platform, the contested clauses with the checker's report on them, and
-- the acceptance and handling stages with their time limits. 00015 made
-- the table; nothing wrote to it before this migration.
-- As in 00001: times are TIMESTAMPTZ, dates DATE (NULL for none).
ALTER TABLE complaints ADD COLUMN product_id BIGINT REFERENCES products (id);
ALTER TABLE complaints ADD COLUMN buyer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN tender_number TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN clauses TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN clause_report TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN clause_findings INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN filed_on DATE;
ALTER TABLE complaints ADD COLUMN due_on DATE;
ALTER TABLE complaints ADD COLUMN accepted_by BIGINT REFERENCES users (id);
ALTER TABLE complaints ADD COLUMN accepted_at TIMESTAMPTZ;
ALTER TABLE complaints ADD COLUMN answered_on DATE;
-- A saved tender check may come from an uploaded file, named here.
ALTER TABLE tender_checks ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
CREATE INDEX complaints_buyer ON complaints (buyer_id, id);
CREATE INDEX complaints_open ON complaints (status, due_on);
CREATE INDEX complaints_filed ON complaints (filed_on);

-- +goose Down
DROP INDEX complaints_filed;
DROP INDEX complaints_open;
DROP INDEX complaints_buyer;
ALTER TABLE tender_checks DROP COLUMN file_name;
ALTER TABLE complaints DROP COLUMN answered_on;
ALTER TABLE complaints DROP COLUMN accepted_at;
ALTER TABLE complaints DROP COLUMN accepted_by;
ALTER TABLE complaints DROP COLUMN due_on;
ALTER TABLE complaints DROP COLUMN filed_on;
ALTER TABLE complaints DROP COLUMN clause_findings;
ALTER TABLE complaints DROP COLUMN clause_report;
ALTER TABLE complaints DROP COLUMN clauses;
ALTER TABLE complaints DROP COLUMN tender_number;
ALTER TABLE complaints DROP COLUMN buyer_name;
ALTER TABLE complaints DROP COLUMN product_id;
