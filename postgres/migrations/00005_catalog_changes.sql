-- +goose Up
-- Which products each catalog version changed, so an instance holding the
-- catalog index in memory brings it up to date by re-reading those alone.
CREATE TABLE catalog_changes (
    version BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    PRIMARY KEY (version, product_id)
);

-- +goose Down
DROP TABLE catalog_changes;
