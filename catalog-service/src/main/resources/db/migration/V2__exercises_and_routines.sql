-- Exercises and routines: each row holds the whole definition as jsonb (read into memory, never
-- queried field by field), whether it is retired, and what tells readers it changed.

-- One sequence for the whole catalog, drawn under the catalog's write lock (an advisory lock), so
-- that max(revision) grows with every commit: replicas poll it to notice each other's writes.
CREATE SEQUENCE revision_seq;

CREATE TABLE exercise (
    id         text PRIMARY KEY,
    definition jsonb NOT NULL,
    retired    boolean NOT NULL DEFAULT false,
    seed_hash  text,                                   -- fingerprint of the seed entry last applied; null if no seed defines it
    revision   bigint NOT NULL DEFAULT nextval('revision_seq'),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE routine (
    id         text PRIMARY KEY,
    definition jsonb NOT NULL,
    retired    boolean NOT NULL DEFAULT false,
    seed_hash  text,
    revision   bigint NOT NULL DEFAULT nextval('revision_seq'),
    updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE source
    ADD COLUMN revision   bigint NOT NULL DEFAULT nextval('revision_seq'),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE INDEX exercise_revision ON exercise (revision);
CREATE INDEX routine_revision ON routine (revision);
CREATE INDEX source_revision ON source (revision);
