-- One service's database role and schema. Run once per service with the psql variables
-- svc (catalog, triage or progress) and password. The role owns its schema and nothing else;
-- no other role may use the schema, so a service cannot read another service's tables.
CREATE ROLE :"svc" LOGIN PASSWORD :'password';
ALTER ROLE :"svc" WITH LOGIN PASSWORD :'password';
CREATE SCHEMA IF NOT EXISTS :"svc" AUTHORIZATION :"svc";
REVOKE ALL ON SCHEMA :"svc" FROM PUBLIC;
ALTER ROLE :"svc" SET search_path = :"svc";
