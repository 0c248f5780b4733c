-- +goose Up
-- The findings of a double-random inspection, one per body drawn, and
-- when its results were made public (一公开).
CREATE TABLE inspection_findings (
    draw_id INTEGER NOT NULL REFERENCES inspection_draws (id),
    body_id INTEGER NOT NULL REFERENCES evaluation_bodies (id),
    result TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES users (id),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (draw_id, body_id)
);
ALTER TABLE inspection_draws ADD COLUMN published_at TEXT;

-- +goose Down
ALTER TABLE inspection_draws DROP COLUMN published_at;
DROP TABLE inspection_findings;
