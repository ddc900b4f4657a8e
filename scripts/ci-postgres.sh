#!/usr/bin/env bash
# Run the PostgreSQL-marked tests (store, review session, import, concurrency) against a
# real, throw-away PostgreSQL server, then stop it.
#
#   bash scripts/ci-postgres.sh [extra pytest arguments]
#
# - Installs Debian's postgresql with apt-get when no server binaries are found (CI runs
#   as root; skipped when /usr/lib/postgresql/*/bin/initdb already exists).
# - initdb's a cluster in a fresh temporary folder, listening only on a Unix socket in that
#   folder (no TCP port, nothing shared with another run), as the postgres user when root.
# - Creates database transreview_test, exports TRANSREVIEW_TEST_PG, runs
#   `pytest -m postgres` (there a missing URL is an error, never a skip), and always stops
#   the server and removes the folder, also when the tests fail. Exits with pytest's code.
#
# Environment: PYTHON (default .venv/bin/python if present, else python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-}"
if [[ -z "$PYTHON" ]]; then
  if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi

log() { echo "ci-postgres: $*" >&2; }

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
  done
  return 1
}

BIN="$(find_bin || true)"
if [[ -z "$BIN" ]]; then
  if [[ "$(id -u)" != 0 ]]; then
    log "PostgreSQL is not installed and this is not root: install Debian's postgresql first"
    exit 2
  fi
  log "installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  BIN="$(find_bin)"
fi
log "server binaries: $BIN"

if ! "$PYTHON" -c "import psycopg" 2>/dev/null; then
  log "installing psycopg (the postgres extra) into $PYTHON's environment"
  "$PYTHON" -m pip install -q 'psycopg[binary]>=3.1'
fi

WORK="$(mktemp -d /tmp/transreview-pg.XXXXXX)"
chmod 755 "$WORK"
RUN=()
if [[ "$(id -u)" == 0 ]]; then
  chown postgres "$WORK"   # the Debian package made this user; initdb refuses to run as root
  RUN=(runuser -u postgres --)
fi

stop() {
  local code=$?
  if [[ -f "$WORK/data/postmaster.pid" ]]; then
    "${RUN[@]}" "$BIN/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
    log "server stopped"
  fi
  rm -rf "$WORK"
  exit "$code"
}
trap stop EXIT INT TERM

"${RUN[@]}" "$BIN/initdb" -D "$WORK/data" -A trust -U postgres -E UTF8 --no-locale >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; exit 2; }
"${RUN[@]}" "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w -t 60 \
  -o "-k $WORK -c listen_addresses= -c fsync=on" start >/dev/null \
  || { cat "$WORK/server.log" >&2; exit 2; }
"${RUN[@]}" "$BIN/createdb" -h "$WORK" -U postgres transreview_test
log "server up on socket $WORK"

export TRANSREVIEW_TEST_PG="postgresql:///transreview_test?host=$WORK&user=postgres"
set +e
"$PYTHON" -m pytest -m postgres -q "$@"
code=$?
set -e
if [[ $code -eq 5 ]]; then
  log "pytest collected no postgres test: that is a failure here"
  code=1
fi
exit $code
