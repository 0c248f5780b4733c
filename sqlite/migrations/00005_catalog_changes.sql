-- +goose Up
-- Which products each catalog version changed, so an instance holding the
-- catalog index in memory brings it up to date by re-reading those alone.
CREATE TABLE catalog_changes (
    version INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    PRIMARY KEY (version, product_id)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE catalog_changes;
