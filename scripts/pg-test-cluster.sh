#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the API's data tests.
#   scripts/pg-test-cluster.sh start   # init (first time) + start; prints TEST_POSTGRES_URL
#   scripts/pg-test-cluster.sh stop    # stop and delete the cluster
#   scripts/pg-test-cluster.sh url     # print the URL only
# Uses the PostgreSQL binaries from Debian's packages (PG_BIN, default: newest under
# /usr/lib/postgresql). Listens on 127.0.0.1:$PG_TEST_PORT only, trust auth, data in $PG_TEST_DIR.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail

PORT="${PG_TEST_PORT:-55432}"
DIR="${PG_TEST_DIR:-/tmp/ingang-pg-test}"
DB="${PG_TEST_DB:-ingang_test}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
URL="postgresql+psycopg://postgres@127.0.0.1:${PORT}/${DB}"

[ -x "${PG_BIN}/pg_ctl" ] || { echo "PostgreSQL binaries not found (apt-get install postgresql, or set PG_BIN)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() { [ -f "${DIR}/data/postmaster.pid" ] && as_owner "${PG_BIN}/pg_ctl" -D "${DIR}/data" status >/dev/null 2>&1; }

start() {
  if ! [ -f "${DIR}/data/PG_VERSION" ]; then
    mkdir -p "${DIR}"
    [ "$(id -u)" = "0" ] && chown postgres: "${DIR}"
    as_owner "${PG_BIN}/initdb" -D "${DIR}/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! is_running; then
    as_owner "${PG_BIN}/pg_ctl" -D "${DIR}/data" -l "${DIR}/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p ${PORT} -k ${DIR} -c fsync=off -c full_page_writes=off" start >/dev/null
  fi
  if ! as_owner "${PG_BIN}/psql" -h 127.0.0.1 -p "${PORT}" -U postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='${DB}'" postgres | grep -q 1; then
    as_owner "${PG_BIN}/createdb" -h 127.0.0.1 -p "${PORT}" -U postgres "${DB}"
  fi
  echo "${URL}"
}

stop() {
  if is_running; then
    as_owner "${PG_BIN}/pg_ctl" -D "${DIR}/data" -m fast -w stop >/dev/null
  fi
  rm -rf "${DIR}"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "${URL}" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
