#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL pointing at Debian's PostgreSQL 15 on this machine,
# starting the cluster if it is installed but stopped (it is, on the project's machines).
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null || ! pg_lsclusters 2>/dev/null | grep -q '^15 '; then
  echo "Debian's PostgreSQL 15 is not installed (expected: apt-get install postgresql-15)." >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "Starting PostgreSQL 15 needs root (pg_ctlcluster 15 main start)." >&2
  exit 1
fi
pg_lsclusters | grep -q '^15 *main .*online' || pg_ctlcluster 15 main start
password=segretariato-test
su postgres -c "psql -qAt -c \"ALTER USER postgres PASSWORD '$password'\"" >/dev/null
export TEST_DATABASE_URL="postgres://postgres:$password@127.0.0.1:5432/postgres"
exec "$@"
