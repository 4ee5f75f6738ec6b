-- The articles the catalog content comes from, loaded from seeds/sources.yaml.
CREATE TABLE source (
    id        text PRIMARY KEY,
    title     text NOT NULL,
    author    text,
    publisher text,
    summary   text NOT NULL,
    studies   jsonb NOT NULL DEFAULT '[]'
);
