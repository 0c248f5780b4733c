-- +goose Up
-- Dual-use equipment (军民两用) and the joint consultation meetings (会商) on
-- dual-use projects: the products marked, and each meeting with its
-- departments (a JSON array of names), products and decisions.
-- As in 00001: times are TEXT (UTC), dates TEXT YYYY-MM-DD.
CREATE TABLE dual_use_marks (
    product_id INTEGER PRIMARY KEY REFERENCES products (id),
    note TEXT NOT NULL DEFAULT '',
    marked_by INTEGER REFERENCES users (id),
    marked_at TEXT NOT NULL
);
CREATE TABLE consultations (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    held_on TEXT NOT NULL,
    subject TEXT NOT NULL,
    departments TEXT NOT NULL DEFAULT '[]',
    decisions TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE TABLE consultation_products (
    consultation_id INTEGER NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (consultation_id, product_id)
);
CREATE INDEX consultation_products_product ON consultation_products (product_id);

-- +goose Down
DROP TABLE consultation_products;
DROP TABLE consultations;
DROP TABLE dual_use_marks;
