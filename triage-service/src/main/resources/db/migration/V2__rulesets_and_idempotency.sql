-- Every rule-set version ever loaded, so that old assessments can be read with the rules that made them.
CREATE TABLE ruleset (
    version    text PRIMARY KEY,
    digest     text NOT NULL,
    document   jsonb NOT NULL,
    loaded_at  timestamptz NOT NULL
);

-- A retried POST with the same Idempotency-Key returns the stored assessment.
ALTER TABLE assessment ADD COLUMN idempotency_key text;
ALTER TABLE assessment ADD COLUMN request_digest text;
CREATE UNIQUE INDEX assessment_idempotency ON assessment (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;
