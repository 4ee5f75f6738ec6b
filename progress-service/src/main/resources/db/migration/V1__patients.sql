-- A person followed over weeks, known only by the tenant's own pseudonymous reference.
CREATE TABLE patient (
    id                      uuid PRIMARY KEY,
    tenant                  text NOT NULL,
    ref                     text NOT NULL,
    plan_routine_id         text,
    plan_sessions_per_week  integer,
    created_at              timestamptz NOT NULL,
    CONSTRAINT patient_ref_unique UNIQUE (tenant, ref)
);
