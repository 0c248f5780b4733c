-- +goose Up
-- A keyed POST's key is claimed in the same transaction as its change
-- (state 'committed', naming the last audit entry of the change), and its
-- answer is stored afterwards (state 'answered', or 'withheld' for an answer
-- holding a secret shown once, which is not kept). Rows stored before were
-- answers.
ALTER TABLE idempotency
    ADD COLUMN state TEXT NOT NULL DEFAULT 'answered' CHECK (state IN ('committed', 'answered', 'withheld')),
    ADD COLUMN entity TEXT NOT NULL DEFAULT '',
    ADD COLUMN entity_id BIGINT NOT NULL DEFAULT 0;

-- Housekeeping removes keys by age.
CREATE INDEX idempotency_created_at ON idempotency (created_at);

-- +goose Down
DROP INDEX idempotency_created_at;
ALTER TABLE idempotency DROP COLUMN entity_id, DROP COLUMN entity, DROP COLUMN state;
