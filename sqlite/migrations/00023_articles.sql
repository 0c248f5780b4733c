-- +goose Up
-- The information service (issue 14, O18-19): policies, notices and
-- interpretations, shown to the public from publish_on through end_on
-- (NULL: for good) unless draft. clause_ids are the library's clauses an
-- article is about, as JSON ["M24-2"]. article_version counts the changes,
-- so each instance knows when its in-memory search index is behind.
-- As in 00001: times are TEXT (UTC), dates TEXT (YYYY-MM-DD).
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    publish_on TEXT NOT NULL,
    end_on TEXT,
    draft INTEGER NOT NULL DEFAULT 0,
    clause_ids TEXT NOT NULL DEFAULT '[]',
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX articles_publish_on ON articles (publish_on, id);
CREATE TABLE article_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO article_version (id, version) VALUES (1, 0);

-- +goose Down
DROP TABLE article_version;
DROP TABLE articles;
