-- +goose Up
-- The case model (办件): cases of every kind with their timeline,
-- attachments over blobs kept once per enterprise and hash, notifications
-- and ratings; the recognition workflow's rounds, expert pool, draws,
-- notices and objections; the working-day calendar.
-- As in 00001: times are TEXT 2006-01-02T15:04:05.000000Z (UTC), dates TEXT
-- YYYY-MM-DD (NULL for none), booleans INTEGER 0/1 (TRUE and FALSE below
-- are 1 and 0); lists and sheets are JSON in TEXT, written and read whole by
-- the store.

-- The last number taken of each case prefix ("RD") in each year: NextCaseSeq
-- inserts 1 or adds one to it in a single upsert.
CREATE TABLE case_sequences (
    prefix TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (prefix, year)
);

-- A yearly declaration round (申报批次). category_ids is a JSON array of
-- category ids ([] for all), checklist a JSON array of firstset.ChecklistItem.
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    year INTEGER NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    category_ids TEXT NOT NULL DEFAULT '[]',
    notice_text TEXT NOT NULL DEFAULT '',
    checklist TEXT NOT NULL DEFAULT '[]',
    document_number TEXT NOT NULL DEFAULT '',
    published_on TEXT,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A public notice (公示); its cases are those whose notice_id is it.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL
);

-- A case (办件). number is the prefix, year and seq as people read them
-- (RD-2026-000123). next_role and next_district say who acts next ('' once
-- ended); due_on is the stage's last working day (NULL for none); score is
-- in hundredths (NULL until every drawn expert has scored); closed_at is
-- set when the case ends.
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    round_id INTEGER REFERENCES rounds (id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    stage TEXT NOT NULL,
    returned_from TEXT NOT NULL DEFAULT '',
    next_role TEXT NOT NULL DEFAULT '',
    next_district TEXT NOT NULL DEFAULT '',
    stage_since TEXT NOT NULL,
    due_on TEXT,
    innovation_claim TEXT NOT NULL DEFAULT '',
    technical_comparison TEXT NOT NULL DEFAULT '',
    first_use TEXT NOT NULL DEFAULT '',
    score INTEGER,
    notice_id INTEGER REFERENCES notices (id),
    submitted_at TEXT,
    closed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- One open case of a kind per product: a second is refused inside the write.
CREATE UNIQUE INDEX cases_open_product ON cases (kind, product_id) WHERE closed_at IS NULL;
-- 待办 of a role (and district), soonest due first.
CREATE INDEX cases_next ON cases (next_role, next_district, due_on);
CREATE INDEX cases_enterprise ON cases (enterprise_id, id);
CREATE INDEX cases_round ON cases (round_id);
CREATE INDEX cases_notice ON cases (notice_id);
CREATE INDEX cases_stage ON cases (stage);
CREATE INDEX cases_product ON cases (product_id);

-- A case's timeline. actor_id is NULL for the system; items (points to
-- fix) and attachment_ids are JSON arrays.
CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES users (id),
    actor TEXT NOT NULL DEFAULT '',
    actor_role TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    from_stage TEXT NOT NULL DEFAULT '',
    to_stage TEXT NOT NULL DEFAULT '',
    opinion TEXT NOT NULL DEFAULT '',
    items TEXT NOT NULL DEFAULT '[]',
    attachment_ids TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX case_events_case ON case_events (case_id, id);

-- Uploaded content, kept once per enterprise and SHA-256 (材料一次提交);
-- chunks is how many blob_chunks rows hold it.
CREATE TABLE blobs (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    content_type TEXT NOT NULL DEFAULT '',
    chunks INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (enterprise_id, sha256)
);

-- A blob's content in pieces of firstset.BlobChunkSize, n from 0, so it is
-- written and streamed without being held whole.
CREATE TABLE blob_chunks (
    blob_id INTEGER NOT NULL REFERENCES blobs (id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (blob_id, n)
);

-- A file attached to a case under a checklist item; its size, hash and
-- content type are the blob's. reused: the enterprise had stored the same
-- content before.
CREATE TABLE case_attachments (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    blob_id INTEGER NOT NULL REFERENCES blobs (id),
    filename TEXT NOT NULL,
    reused INTEGER NOT NULL DEFAULT 0,
    uploaded_by INTEGER REFERENCES users (id),
    uploaded_at TEXT NOT NULL
);
CREATE INDEX case_attachments_case ON case_attachments (case_id, id);
CREATE INDEX case_attachments_blob ON case_attachments (blob_id);

-- What a user is told; email is the address to mail it to ('' for none),
-- emailed_at set once it is sent.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    case_id INTEGER REFERENCES cases (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    read_at TEXT,
    email TEXT NOT NULL DEFAULT '',
    emailed_at TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE read_at IS NULL;
CREATE INDEX notifications_pending_email ON notifications (id) WHERE email <> '' AND emailed_at IS NULL;

-- An applicant's rating of a case (好差评): stage '' for the case as a
-- whole; follow_up for a bad one (score ≤ 2) waiting for an answer by due_on.
CREATE TABLE ratings (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    stage TEXT NOT NULL DEFAULT '',
    score INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    rated_by INTEGER REFERENCES users (id),
    rated_at TEXT NOT NULL,
    follow_up INTEGER NOT NULL DEFAULT 0,
    due_on TEXT,
    answer TEXT NOT NULL DEFAULT '',
    answered_by INTEGER REFERENCES users (id),
    answered_at TEXT,
    UNIQUE (case_id, stage)
);
CREATE INDEX ratings_rated_at ON ratings (rated_at);

-- The expert pool: a user with the expert role and what a draw needs of
-- them; conflict_enterprises is a JSON array of enterprise ids.
CREATE TABLE experts (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    employer TEXT NOT NULL DEFAULT '',
    employer_credit_code TEXT NOT NULL DEFAULT '',
    district_code TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 0,
    conflict_enterprises TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL
);

-- The categories an expert reviews, a table so the pool is found by category.
CREATE TABLE expert_categories (
    user_id INTEGER NOT NULL REFERENCES experts (user_id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id),
    PRIMARY KEY (user_id, category_id)
);
CREATE INDEX expert_categories_category ON expert_categories (category_id, user_id);

-- One drawing of experts for a case: its seed, the candidates it drew from
-- (JSON, with their hash) and whom it chose (JSON); replaces is the expert
-- a replacement draw stands in for.
CREATE TABLE draws (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    seed TEXT NOT NULL,
    n INTEGER NOT NULL,
    candidates_sha256 TEXT NOT NULL,
    candidates TEXT NOT NULL DEFAULT '[]',
    experts TEXT NOT NULL DEFAULT '[]',
    replaces INTEGER REFERENCES users (id),
    drawn_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX draws_case ON draws (case_id, id);

-- An expert drawn for a case, once per case: status drawn, scored or
-- declined; sheet is their firstset.ScoreSheet as JSON, NULL until scored.
CREATE TABLE case_experts (
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    draw_id INTEGER NOT NULL REFERENCES draws (id),
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    sheet TEXT,
    drawn_at TEXT NOT NULL,
    PRIMARY KEY (case_id, user_id)
);
-- An expert's cases (待评审).
CREATE INDEX case_experts_user ON case_experts (user_id, status);

-- A member of the public's objection (异议) to a noticed case; ip and
-- created_at throttle objections per address.
CREATE TABLE objections (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices (id),
    case_id INTEGER NOT NULL REFERENCES cases (id),
    name TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    answered_by INTEGER REFERENCES users (id),
    answered_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX objections_ip ON objections (ip, created_at);
CREATE INDEX objections_notice ON objections (notice_id, id);
CREATE INDEX objections_case ON objections (case_id);

-- The working-day calendar: the years it covers, and in them the
-- exceptions to the weekend rule (holidays, work 0; make-up working days
-- 调休, work 1). The shipped years are workday.Shipped(), exactly.
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY
);
CREATE TABLE calendar_days (
    day TEXT PRIMARY KEY,
    work INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT ''
);
INSERT INTO calendar_years (year) VALUES (2024), (2025), (2026);
INSERT INTO calendar_days (day, work, name) VALUES
    ('2024-01-01', FALSE, '元旦'),
    ('2024-02-10', FALSE, '春节'),
    ('2024-02-11', FALSE, '春节'),
    ('2024-02-12', FALSE, '春节'),
    ('2024-02-13', FALSE, '春节'),
    ('2024-02-14', FALSE, '春节'),
    ('2024-02-15', FALSE, '春节'),
    ('2024-02-16', FALSE, '春节'),
    ('2024-02-17', FALSE, '春节'),
    ('2024-02-04', TRUE, '春节'),
    ('2024-02-18', TRUE, '春节'),
    ('2024-04-04', FALSE, '清明节'),
    ('2024-04-05', FALSE, '清明节'),
    ('2024-04-06', FALSE, '清明节'),
    ('2024-04-07', TRUE, '清明节'),
    ('2024-05-01', FALSE, '劳动节'),
    ('2024-05-02', FALSE, '劳动节'),
    ('2024-05-03', FALSE, '劳动节'),
    ('2024-05-04', FALSE, '劳动节'),
    ('2024-05-05', FALSE, '劳动节'),
    ('2024-04-28', TRUE, '劳动节'),
    ('2024-05-11', TRUE, '劳动节'),
    ('2024-06-08', FALSE, '端午节'),
    ('2024-06-09', FALSE, '端午节'),
    ('2024-06-10', FALSE, '端午节'),
    ('2024-09-15', FALSE, '中秋节'),
    ('2024-09-16', FALSE, '中秋节'),
    ('2024-09-17', FALSE, '中秋节'),
    ('2024-09-14', TRUE, '中秋节'),
    ('2024-10-01', FALSE, '国庆节'),
    ('2024-10-02', FALSE, '国庆节'),
    ('2024-10-03', FALSE, '国庆节'),
    ('2024-10-04', FALSE, '国庆节'),
    ('2024-10-05', FALSE, '国庆节'),
    ('2024-10-06', FALSE, '国庆节'),
    ('2024-10-07', FALSE, '国庆节'),
    ('2024-09-29', TRUE, '国庆节'),
    ('2024-10-12', TRUE, '国庆节'),
    ('2025-01-01', FALSE, '元旦'),
    ('2025-01-28', FALSE, '春节'),
    ('2025-01-29', FALSE, '春节'),
    ('2025-01-30', FALSE, '春节'),
    ('2025-01-31', FALSE, '春节'),
    ('2025-02-01', FALSE, '春节'),
    ('2025-02-02', FALSE, '春节'),
    ('2025-02-03', FALSE, '春节'),
    ('2025-02-04', FALSE, '春节'),
    ('2025-01-26', TRUE, '春节'),
    ('2025-02-08', TRUE, '春节'),
    ('2025-04-04', FALSE, '清明节'),
    ('2025-04-05', FALSE, '清明节'),
    ('2025-04-06', FALSE, '清明节'),
    ('2025-05-01', FALSE, '劳动节'),
    ('2025-05-02', FALSE, '劳动节'),
    ('2025-05-03', FALSE, '劳动节'),
    ('2025-05-04', FALSE, '劳动节'),
    ('2025-05-05', FALSE, '劳动节'),
    ('2025-04-27', TRUE, '劳动节'),
    ('2025-05-31', FALSE, '端午节'),
    ('2025-06-01', FALSE, '端午节'),
    ('2025-06-02', FALSE, '端午节'),
    ('2025-10-01', FALSE, '国庆节、中秋节'),
    ('2025-10-02', FALSE, '国庆节、中秋节'),
    ('2025-10-03', FALSE, '国庆节、中秋节'),
    ('2025-10-04', FALSE, '国庆节、中秋节'),
    ('2025-10-05', FALSE, '国庆节、中秋节'),
    ('2025-10-06', FALSE, '国庆节、中秋节'),
    ('2025-10-07', FALSE, '国庆节、中秋节'),
    ('2025-10-08', FALSE, '国庆节、中秋节'),
    ('2025-09-28', TRUE, '国庆节、中秋节'),
    ('2025-10-11', TRUE, '国庆节、中秋节'),
    ('2026-01-01', FALSE, '元旦'),
    ('2026-01-02', FALSE, '元旦'),
    ('2026-01-03', FALSE, '元旦'),
    ('2026-01-04', TRUE, '元旦'),
    ('2026-02-15', FALSE, '春节'),
    ('2026-02-16', FALSE, '春节'),
    ('2026-02-17', FALSE, '春节'),
    ('2026-02-18', FALSE, '春节'),
    ('2026-02-19', FALSE, '春节'),
    ('2026-02-20', FALSE, '春节'),
    ('2026-02-21', FALSE, '春节'),
    ('2026-02-22', FALSE, '春节'),
    ('2026-02-23', FALSE, '春节'),
    ('2026-02-14', TRUE, '春节'),
    ('2026-02-28', TRUE, '春节'),
    ('2026-04-04', FALSE, '清明节'),
    ('2026-04-05', FALSE, '清明节'),
    ('2026-04-06', FALSE, '清明节'),
    ('2026-05-01', FALSE, '劳动节'),
    ('2026-05-02', FALSE, '劳动节'),
    ('2026-05-03', FALSE, '劳动节'),
    ('2026-05-04', FALSE, '劳动节'),
    ('2026-05-05', FALSE, '劳动节'),
    ('2026-05-09', TRUE, '劳动节'),
    ('2026-06-19', FALSE, '端午节'),
    ('2026-06-20', FALSE, '端午节'),
    ('2026-06-21', FALSE, '端午节'),
    ('2026-09-25', FALSE, '中秋节'),
    ('2026-09-26', FALSE, '中秋节'),
    ('2026-09-27', FALSE, '中秋节'),
    ('2026-10-01', FALSE, '国庆节'),
    ('2026-10-02', FALSE, '国庆节'),
    ('2026-10-03', FALSE, '国庆节'),
    ('2026-10-04', FALSE, '国庆节'),
    ('2026-10-05', FALSE, '国庆节'),
    ('2026-10-06', FALSE, '国庆节'),
    ('2026-10-07', FALSE, '国庆节'),
    ('2026-09-20', TRUE, '国庆节'),
    ('2026-10-10', TRUE, '国庆节');

-- +goose Down
DROP TABLE calendar_days;
DROP TABLE calendar_years;
DROP TABLE objections;
DROP TABLE case_experts;
DROP TABLE draws;
DROP TABLE expert_categories;
DROP TABLE experts;
DROP TABLE ratings;
DROP TABLE notifications;
DROP TABLE case_attachments;
DROP TABLE blob_chunks;
DROP TABLE blobs;
DROP TABLE case_events;
DROP TABLE cases;
DROP TABLE notices;
DROP TABLE rounds;
DROP TABLE case_sequences;
