-- Education topics, loaded from seeds/catalog/topics.yaml, stored like exercises and routines: the
-- whole definition as jsonb, retired rather than deleted, revisions from the catalog's one sequence.
CREATE TABLE topic (
    id         text PRIMARY KEY,
    definition jsonb NOT NULL,
    retired    boolean NOT NULL DEFAULT false,
    seed_hash  text,                                   -- fingerprint of the seed entry last applied; null once removed from the file
    revision   bigint NOT NULL DEFAULT nextval('revision_seq'),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX topic_revision ON topic (revision);
