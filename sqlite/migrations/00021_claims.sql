-- +goose Up
-- The claims fast track (理赔快速通道): a claim reported on a policy, the
-- insurer's steps on it with their time limits, and the steps' timeline.
-- insurer_id is the user that sent the policy (policies are kept by it),
-- institution_id the insurer whose users handle the claim.
-- As in 00001: times are TEXT (UTC), dates TEXT YYYY-MM-DD (NULL for none);
-- money is integer fen.
CREATE TABLE claim_cases (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    policy_number TEXT NOT NULL,
    insurer_id INTEGER NOT NULL REFERENCES users (id),
    institution_id INTEGER NOT NULL REFERENCES institutions (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    buyer_id INTEGER REFERENCES buyers (id),
    occurred_on TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    reported_on TEXT NOT NULL,
    due_on TEXT,
    assessed_amount INTEGER NOT NULL DEFAULT 0,
    approved_amount INTEGER NOT NULL DEFAULT 0,
    paid_amount INTEGER NOT NULL DEFAULT 0,
    paid_on TEXT,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX claim_cases_enterprise ON claim_cases (enterprise_id, id);
CREATE INDEX claim_cases_institution ON claim_cases (institution_id, id);
CREATE INDEX claim_cases_buyer ON claim_cases (buyer_id, id) WHERE buyer_id IS NOT NULL;
CREATE INDEX claim_cases_open ON claim_cases (status, due_on);
CREATE INDEX claim_cases_policy ON claim_cases (insurer_id, policy_number);

CREATE TABLE claim_steps (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claim_cases (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    by_user INTEGER REFERENCES users (id),
    at TEXT NOT NULL,
    due_on TEXT,
    late INTEGER NOT NULL DEFAULT 0,
    opinion TEXT NOT NULL DEFAULT '',
    amount INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX claim_steps_claim ON claim_steps (claim_id, id);

-- +goose Down
DROP TABLE claim_steps;
DROP TABLE claim_cases;
