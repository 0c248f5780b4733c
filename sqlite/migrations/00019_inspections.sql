-- +goose Up
-- Supervision (issue 14, O18-5): the evaluation and testing bodies with
-- their scope, the list of inspectors, and the double-random draws from
-- them, each with its seed and the fingerprints of the lists it drew from.
-- As in 00001: times are TEXT (UTC).
CREATE TABLE evaluation_bodies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    credit_code TEXT NOT NULL UNIQUE,
    scope TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE inspectors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- bodies and inspectors: the drawn, in rank order, as JSON [{id, name}].
CREATE TABLE inspection_draws (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    seed TEXT NOT NULL,
    bodies_sha256 TEXT NOT NULL,
    inspectors_sha256 TEXT NOT NULL,
    bodies TEXT NOT NULL,
    inspectors TEXT NOT NULL,
    drawn_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE inspection_draws;
DROP TABLE inspectors;
DROP TABLE evaluation_bodies;
