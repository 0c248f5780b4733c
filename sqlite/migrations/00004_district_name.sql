-- +goose Up
-- District names are derived from the district code (the district table
-- compiled into the binary); a stored copy could only drift from it.
ALTER TABLE enterprises DROP COLUMN district_name;

-- +goose Down
ALTER TABLE enterprises ADD COLUMN district_name TEXT NOT NULL DEFAULT '';
