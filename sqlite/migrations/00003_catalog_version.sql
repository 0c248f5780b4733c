-- +goose Up
-- A counter every change to the catalog index bumps in its own transaction,
-- so a search result cached under one version is never served after a
-- change, by any instance sharing this database.
CREATE TABLE catalog_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, 0);

-- +goose Down
DROP TABLE catalog_version;
