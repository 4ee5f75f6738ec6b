-- One service's database role and schema. Run once per service with the psql variables
-- svc (catalog, triage or progress) and password. The role owns its schema and nothing else;
-- no other role may use the schema, so a service cannot read another service's tables.
CREATE ROLE :"svc" LOGIN PASSWORD :'password';
ALTER ROLE :"svc" WITH LOGIN PASSWORD :'password';
CREATE SCHEMA IF NOT EXISTS :"svc" AUTHORIZATION :"svc";
REVOKE ALL ON SCHEMA :"svc" FROM PUBLIC;
ALTER ROLE :"svc" SET search_path = :"svc";

-- The service's audit trail, in a schema of its own that this script (not the service) owns: the
-- service's role may add events and read them, never change or remove one. Psql variable svc_audit
-- is the service's name with _audit.
CREATE SCHEMA IF NOT EXISTS :"svc_audit";
REVOKE ALL ON SCHEMA :"svc_audit" FROM PUBLIC;
CREATE TABLE IF NOT EXISTS :"svc_audit".audit_event (
    id            uuid PRIMARY KEY,
    at            timestamptz NOT NULL,
    tenant        text NOT NULL,
    subject       text,
    client        text,
    action        text NOT NULL,       -- read, create, change, erase, acknowledge, resolve
    resource_type text NOT NULL,
    resource_id   text,
    patient_id    text,                -- a pseudonymous id or ref, never health data
    outcome       integer NOT NULL,    -- the answer's HTTP status
    request_id    text NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_event_by_tenant ON :"svc_audit".audit_event (tenant, at DESC, id DESC);
CREATE INDEX IF NOT EXISTS audit_event_by_patient ON :"svc_audit".audit_event (tenant, patient_id, at DESC, id DESC);
GRANT USAGE ON SCHEMA :"svc_audit" TO :"svc";
GRANT SELECT, INSERT ON :"svc_audit".audit_event TO :"svc";
