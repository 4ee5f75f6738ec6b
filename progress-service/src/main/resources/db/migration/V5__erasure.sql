-- A keyed write's stored response belongs to its patient and goes with them (erasure); the sweep of
-- expired ones reads them by age. Records from before this link are tied to their patient by the
-- patientId of the response they hold; those whose patient is gone are what erasure left behind.
ALTER TABLE idempotent_request ADD COLUMN patient_id uuid;
UPDATE idempotent_request r SET patient_id = p.id FROM patient p
 WHERE p.tenant = r.tenant AND p.id::text = coalesce(r.response ->> 'patientId', r.response -> 'items' -> 0 ->> 'patientId');
DELETE FROM idempotent_request WHERE patient_id IS NULL;
ALTER TABLE idempotent_request ALTER COLUMN patient_id SET NOT NULL;
ALTER TABLE idempotent_request ADD CONSTRAINT idempotent_request_patient
    FOREIGN KEY (patient_id) REFERENCES patient (id) ON DELETE CASCADE;
CREATE INDEX idempotent_request_by_patient ON idempotent_request (patient_id);
CREATE INDEX idempotent_request_by_age ON idempotent_request (created_at);

-- An erased patient's assessments that triage-service has not yet confirmed erasing: who and until
-- when, no health data. Kept until triage answers; the retry job asks again.
CREATE TABLE pending_erasure (
    id           uuid PRIMARY KEY,
    tenant       text NOT NULL,
    patient_ref  text NOT NULL,
    erased_at    timestamptz NOT NULL
);
