#!/bin/sh
# First start of the compose PostgreSQL: one role and schema per service, passwords from the
# environment (CATALOG_DB_PASSWORD, TRIAGE_DB_PASSWORD, PROGRESS_DB_PASSWORD).
set -eu
for svc in catalog triage progress; do
  var=$(echo "${svc}_DB_PASSWORD" | tr '[:lower:]' '[:upper:]')
  eval "password=\${$var:?$var is not set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v svc="$svc" -v svc_audit="${svc}_audit" -v password="$password" -f /sql/service-schema.sql
done
