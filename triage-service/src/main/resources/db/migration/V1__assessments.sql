-- Every assessment as it was given: the report, the result and the rule-set version that produced it.
CREATE TABLE assessment (
    id               uuid PRIMARY KEY,
    tenant           text NOT NULL,
    patient_ref      text,
    created_at       timestamptz NOT NULL,
    ruleset_version  text NOT NULL,
    disposition      text NOT NULL,
    report           jsonb NOT NULL,
    result           jsonb NOT NULL
);
CREATE INDEX assessment_by_patient ON assessment (tenant, patient_ref, created_at DESC, id DESC);
