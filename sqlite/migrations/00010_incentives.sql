-- +goose Up
-- The incentives (issue 12): rounds of first-purchase rewards and premium
-- subsidies with their budgets, applications (cases of the two incentive
-- kinds) with the engine's maxima and the allocation, the subsidised
-- policy periods, the disbursement ledger, the insurance consortium, the
-- policies and claims insurers send, and the subsidies offered from them.
-- Money is integer fen throughout.
-- As in 00001: times are TEXT (UTC), dates TEXT YYYY-MM-DD (NULL for none),
-- booleans INTEGER 0/1; lists are JSON in TEXT.

-- The open-case rule is recognition's: incentive cases are limited by
-- their applications' own rules below.
DROP INDEX cases_open_product;
CREATE UNIQUE INDEX cases_open_product ON cases (kind, product_id) WHERE closed_at IS NULL AND kind = 'recognition';
-- The buyer who applied, when the applicant is not the enterprise.
ALTER TABLE cases ADD COLUMN applicant_user_id INTEGER REFERENCES users (id);
CREATE INDEX cases_applicant ON cases (applicant_user_id, id) WHERE applicant_user_id IS NOT NULL;

CREATE TABLE incentive_rounds (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    budget INTEGER NOT NULL,
    method TEXT NOT NULL,
    pass_score INTEGER NOT NULL,
    uses_experts INTEGER NOT NULL DEFAULT 0,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    status TEXT NOT NULL,
    frozen_at TEXT,
    allocated INTEGER NOT NULL DEFAULT 0,
    opinion TEXT NOT NULL DEFAULT '',
    approved_by INTEGER REFERENCES users (id),
    approved_at TEXT,
    notice_starts_on TEXT,
    notice_ends_on TEXT,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX incentive_rounds_kind ON incentive_rounds (kind, year);

-- An incentive case's own data. active: not withdrawn, rejected or
-- unfunded; an active reward holds its product, an active subsidy its
-- product in its round. policy_years, explanation, result, input and
-- allocation_explanation are JSON.
CREATE TABLE applications (
    case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    round_id INTEGER NOT NULL REFERENCES incentive_rounds (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    applicant_user_id INTEGER REFERENCES users (id),
    buyer_name TEXT NOT NULL DEFAULT '',
    buyer_credit_code TEXT NOT NULL DEFAULT '',
    contract_date TEXT,
    contract_paid INTEGER NOT NULL DEFAULT 0,
    policy_years TEXT NOT NULL DEFAULT '[]',
    offer_id INTEGER,
    talent_led INTEGER NOT NULL DEFAULT 0,
    eligible INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT '',
    max_amount INTEGER NOT NULL DEFAULT 0,
    explanation TEXT NOT NULL DEFAULT '[]',
    result TEXT NOT NULL DEFAULT '{}',
    input TEXT NOT NULL DEFAULT '{}',
    engine_version TEXT NOT NULL DEFAULT '',
    computed_at TEXT NOT NULL,
    rank INTEGER NOT NULL DEFAULT 0,
    allocated INTEGER,
    allocation_reason TEXT NOT NULL DEFAULT '',
    allocation_explanation TEXT NOT NULL DEFAULT '[]',
    disbursed INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX applications_one_reward ON applications (product_id) WHERE kind = 'first_purchase_reward' AND active;
CREATE UNIQUE INDEX applications_one_subsidy ON applications (round_id, product_id) WHERE kind = 'premium_subsidy' AND active;
CREATE INDEX applications_round ON applications (round_id);
CREATE INDEX applications_product ON applications (product_id);

-- The policy periods an active subsidy application covers: a period is
-- subsidised once, across every round.
CREATE TABLE subsidy_periods (
    product_id INTEGER NOT NULL REFERENCES products (id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, starts_on)
);
CREATE INDEX subsidy_periods_case ON subsidy_periods (case_id);

-- The disbursement ledger: each payment against an approved allocation,
-- with the application's round, year, product and enterprise copied for
-- the ledger's views. A voucher number is recorded once.
CREATE TABLE disbursements (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    round_id INTEGER NOT NULL REFERENCES incentive_rounds (id),
    year INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products (id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    applicant_user_id INTEGER REFERENCES users (id),
    amount INTEGER NOT NULL,
    paid_on TEXT NOT NULL,
    voucher TEXT NOT NULL UNIQUE,
    bank_reference TEXT NOT NULL DEFAULT '',
    payee TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX disbursements_case ON disbursements (case_id, id);
CREATE INDEX disbursements_product ON disbursements (product_id, id);
CREATE INDEX disbursements_enterprise ON disbursements (enterprise_id, id);
CREATE INDEX disbursements_round ON disbursements (round_id, id);
CREATE INDEX disbursements_year ON disbursements (year, id);
CREATE INDEX disbursements_applicant ON disbursements (applicant_user_id, id) WHERE applicant_user_id IS NOT NULL;

-- The insurance consortium (共保体): a member from joined_on until the day
-- before left_on (NULL while still a member).
CREATE TABLE insurer_members (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    joined_on TEXT NOT NULL,
    left_on TEXT,
    updated_at TEXT NOT NULL
);

-- Each version of each policy an insurer sent; current marks the last.
CREATE TABLE insurance_policies (
    id INTEGER PRIMARY KEY,
    insurer_id INTEGER NOT NULL REFERENCES users (id),
    policy_number TEXT NOT NULL,
    version INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products (id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    insured_amount INTEGER NOT NULL,
    premium INTEGER NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    UNIQUE (insurer_id, policy_number, version)
);
CREATE UNIQUE INDEX insurance_policies_current ON insurance_policies (insurer_id, policy_number) WHERE current;
CREATE INDEX insurance_policies_product ON insurance_policies (product_id, starts_on) WHERE current;

-- Claims on a policy; the same claim is stored once.
CREATE TABLE policy_claims (
    id INTEGER PRIMARY KEY,
    insurer_id INTEGER NOT NULL REFERENCES users (id),
    policy_number TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    amount INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (insurer_id, policy_number, occurred_on, amount)
);

-- The subsidy offered for a product in an open round from insurers' data
-- (免申即享). years and policy_years are JSON; application_id is the case
-- a confirmation made.
CREATE TABLE subsidy_offers (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id),
    round_id INTEGER NOT NULL REFERENCES incentive_rounds (id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    amount INTEGER NOT NULL,
    years TEXT NOT NULL DEFAULT '[]',
    policy_years TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL,
    application_id INTEGER REFERENCES cases (id),
    engine_version TEXT NOT NULL DEFAULT '',
    computed_at TEXT NOT NULL,
    decided_by INTEGER REFERENCES users (id),
    decided_at TEXT,
    reason TEXT NOT NULL DEFAULT '',
    UNIQUE (product_id, round_id)
);
CREATE INDEX subsidy_offers_enterprise ON subsidy_offers (enterprise_id, id);
CREATE INDEX subsidy_offers_round ON subsidy_offers (round_id, state);

-- +goose Down
DROP TABLE subsidy_offers;
DROP TABLE policy_claims;
DROP TABLE insurance_policies;
DROP TABLE insurer_members;
DROP TABLE disbursements;
DROP TABLE subsidy_periods;
DROP TABLE applications;
DROP TABLE incentive_rounds;
DROP INDEX cases_applicant;
-- cases.applicant_user_id stays: SQLite cannot drop a column that references
-- another table; it is NULL for every case of the earlier kinds.
DROP INDEX cases_open_product;
CREATE UNIQUE INDEX cases_open_product ON cases (kind, product_id) WHERE closed_at IS NULL;
