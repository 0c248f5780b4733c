-- +goose Up
-- Policy parameters changed by administrators from a date on. The values
-- the platform starts with are the policy package's; these extend them.
-- One value of a parameter per day; the value is the engine's encoding.
-- previous_id is the last change its writer saw (0 for the first): two
-- administrators changing parameters at once cannot both build on it.
CREATE TABLE parameter_changes (
    id INTEGER PRIMARY KEY,
    previous_id INTEGER NOT NULL UNIQUE,
    param TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    value TEXT NOT NULL,
    source TEXT NOT NULL,
    version TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    UNIQUE (param, starts_on)
);

-- +goose Down
DROP TABLE parameter_changes;
