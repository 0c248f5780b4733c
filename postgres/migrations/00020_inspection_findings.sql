-- +goose Up
-- The findings of a double-random inspection, one per body drawn, and
-- when its results were made public (一公开).
CREATE TABLE inspection_findings (
    draw_id BIGINT NOT NULL REFERENCES inspection_draws (id),
    body_id BIGINT NOT NULL REFERENCES evaluation_bodies (id),
    result TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_by BIGINT REFERENCES users (id),
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (draw_id, body_id)
);
ALTER TABLE inspection_draws ADD COLUMN published_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE inspection_draws DROP COLUMN published_at;
DROP TABLE inspection_findings;
