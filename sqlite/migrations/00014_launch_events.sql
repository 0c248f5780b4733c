-- +goose Up
-- The annual launch event (新产品发布会, 2024 measures （三）): the
-- products presented, a plaque (牌匾) per enterprise presented and the
-- main R&D people honoured (荣誉证书). An honoree's ID number is kept in
-- full for the issuing reviewer; every other view masks it.
-- As in 00001: times are TEXT (UTC), dates TEXT YYYY-MM-DD.
CREATE TABLE launch_events (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL UNIQUE,
    held_on TEXT NOT NULL,
    place TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL
);

CREATE TABLE launch_products (
    event_id INTEGER NOT NULL REFERENCES launch_events (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, product_id)
);
CREATE INDEX launch_products_product ON launch_products (product_id);

CREATE TABLE launch_plaques (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES launch_events (id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    number TEXT NOT NULL UNIQUE,
    key_id TEXT NOT NULL,
    token TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    UNIQUE (event_id, enterprise_id)
);

CREATE TABLE launch_honorees (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES launch_events (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    name TEXT NOT NULL,
    id_number TEXT NOT NULL,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    entered_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    confirmed_by INTEGER REFERENCES users (id),
    confirmed_at TEXT,
    number TEXT UNIQUE,
    key_id TEXT NOT NULL DEFAULT '',
    token TEXT NOT NULL DEFAULT '',
    UNIQUE (event_id, product_id, id_number)
);
CREATE INDEX launch_honorees_product ON launch_honorees (product_id, status);

-- +goose Down
DROP TABLE launch_honorees;
DROP TABLE launch_plaques;
DROP TABLE launch_products;
DROP TABLE launch_events;
