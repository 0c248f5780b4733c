-- +goose Up
-- The insurance consortium (共保体) by institution (issue 14): each stay of
-- an insurer, from joined_on until the day before left_on (NULL while it
-- stays); an insurer that leaves and comes back has a stay for each time
-- (能进能出). Memberships were kept per insurer user before; those of users
-- that belong to an institution carry over as its stays.
CREATE TABLE consortium_memberships (
    id INTEGER PRIMARY KEY,
    institution_id INTEGER NOT NULL REFERENCES institutions (id),
    joined_on TEXT NOT NULL,
    left_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX consortium_memberships_institution ON consortium_memberships (institution_id, joined_on);
-- At most one open stay per institution.
CREATE UNIQUE INDEX consortium_memberships_open ON consortium_memberships (institution_id) WHERE left_on IS NULL;
INSERT INTO consortium_memberships (institution_id, joined_on, left_on, created_at, updated_at)
    SELECT u.institution_id, MIN(m.joined_on), NULL, MIN(m.updated_at), MAX(m.updated_at)
    FROM insurer_members m JOIN users u ON u.id = m.user_id
    WHERE u.institution_id IS NOT NULL AND m.left_on IS NULL GROUP BY u.institution_id;
INSERT INTO consortium_memberships (institution_id, joined_on, left_on, created_at, updated_at)
    SELECT u.institution_id, m.joined_on, m.left_on, m.updated_at, m.updated_at
    FROM insurer_members m JOIN users u ON u.id = m.user_id
    WHERE u.institution_id IS NOT NULL AND m.left_on IS NOT NULL;
DROP TABLE insurer_members;

-- +goose Down
CREATE TABLE insurer_members (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    joined_on TEXT NOT NULL,
    left_on TEXT,
    updated_at TEXT NOT NULL
);
DROP TABLE consortium_memberships;
