-- Everything below a patient goes with the patient (erasure).
CREATE TABLE pain_entry (
    id          uuid PRIMARY KEY,
    patient_id  uuid NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL,
    score       integer NOT NULL CHECK (score BETWEEN 0 AND 10),
    context     text NOT NULL,
    side        text,
    locations   jsonb NOT NULL DEFAULT '[]',
    note        text,
    red_flags   jsonb,
    created_at  timestamptz NOT NULL
);
CREATE INDEX pain_entry_by_patient ON pain_entry (patient_id, at DESC, id DESC);

CREATE TABLE exercise_session (
    id            uuid PRIMARY KEY,
    patient_id    uuid NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    at            timestamptz NOT NULL,
    routine_id    text,
    exercises     jsonb NOT NULL,
    pain_before   integer,
    pain_after    integer,
    effort        integer,
    note          text,
    verification  text NOT NULL,          -- verified, pending (catalog unreachable), unknown_exercise
    created_at    timestamptz NOT NULL
);
CREATE INDEX exercise_session_by_patient ON exercise_session (patient_id, at DESC, id DESC);
CREATE INDEX exercise_session_pending ON exercise_session (verification) WHERE verification = 'pending';

CREATE TABLE alert (
    id                   uuid PRIMARY KEY,
    patient_id           uuid NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    tenant               text NOT NULL,
    type                 text NOT NULL,   -- no_improvement, worsening, flagged_exercise, red_flag
    dedupe_key           text NOT NULL,
    status               text NOT NULL,   -- open, acknowledged, resolved
    detail               text NOT NULL,
    exercise_id          text,
    entry_id             uuid,
    disposition          text,
    disposition_source   text,            -- triage, or fallback while triage is unreachable
    triage_assessment_id uuid,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
CREATE UNIQUE INDEX alert_once ON alert (patient_id, dedupe_key) WHERE status <> 'resolved';
CREATE INDEX alert_by_tenant ON alert (tenant, status, created_at DESC, id DESC);
CREATE INDEX alert_triage_pending ON alert (disposition_source) WHERE disposition_source = 'fallback';

-- A retried write with the same Idempotency-Key gets the stored response and stores nothing new.
CREATE TABLE idempotent_request (
    tenant          text NOT NULL,
    idempotency_key text NOT NULL,
    request_digest  text NOT NULL,
    status          integer NOT NULL,
    response        jsonb NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant, idempotency_key)
);
