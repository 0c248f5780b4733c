-- +goose Up
-- The managed lists of the 2018 opinions: demonstration application bases,
-- innovation and demonstration application alliances, and the batches of
-- the major technical equipment innovation catalog, with the units taking
-- part (members, a JSON array of names) and the catalog products covered.
-- As in 00001: times are TEXT (UTC); booleans INTEGER 0/1.
CREATE TABLE programmes (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    year INTEGER NOT NULL,
    lead TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    members TEXT NOT NULL DEFAULT '[]',
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (kind, name)
);
CREATE TABLE programme_products (
    programme_id INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (programme_id, product_id)
);
CREATE INDEX programme_products_product ON programme_products (product_id);

-- +goose Down
DROP TABLE programme_products;
DROP TABLE programmes;
