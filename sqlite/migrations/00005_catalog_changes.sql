-- +goose Up
-- Which products each catalog version changed, so an instance holding the
-- catalog index in memory brings it up to date by re-reading those alone.
CREATE TABLE catalog_changes (
    version INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    PRIMARY KEY (version, product_id)
) WITHOUT ROWID;

-- Changes are kept for a while, not for ever: an instance whose version is
-- older than every kept change rebuilds its index from the products.
ALTER TABLE catalog_version ADD COLUMN pruned_through INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE catalog_version DROP COLUMN pruned_through;
DROP TABLE catalog_changes;
