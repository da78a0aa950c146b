#!/usr/bin/env bash
# Every benchmark at a tiny size on PostgreSQL, so none can rot unnoticed (CI runs this).
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bench/smoke.sh
#
# DATABASE_URL names the server; the databases are this script's own (SMOKE_PREFIX, default
# factdesk_smoke: ${SMOKE_PREFIX}_template, _bench, _csv_bench, _load_bench), made and
# dropped here; migrations run once, into the template the others are copied from.
# Seeds 500 claims, then runs pages.py, cpu.py, desk.py, export.py, load.sh (1 s per URL, with
# claim_url.py), import.py and load_during_import.py in their smoke sizes: every script in
# bench/ (the others, csv_bench.py, extras.py, fake.py, targets.py, settings.py, urls.py and
# views.py, are modules those import). The figures mean nothing at this size; what is checked
# is that each script runs to the end on today's schema. Fails on the first script that
# fails, naming it.
set -euo pipefail
cd "$(dirname "$0")/.."

SERVER=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
SERVER=${SERVER%/*}
PREFIX=${SMOKE_PREFIX:-factdesk_smoke}
SEEDED="${PREFIX}_bench"
TEMPLATE="${PREFIX}_template"
export CACHE_URL=${CACHE_URL:-locmemcache://bench-smoke}
export DJANGO_SETTINGS_MODULE=bench.settings
PY=.venv/bin/python
STARTED=$SECONDS

drop() {  # databases by name
    local name
    for name in "$@"; do
        psql -q "$SERVER/postgres" -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null
    done
}
trap 'drop "$SEEDED" "$TEMPLATE"' EXIT

run() {  # $1: label; the rest: the command
    local label=$1 began=$SECONDS
    shift
    printf '\n--- %s\n' "$label"
    if ! "$@"; then
        echo "FAIL: bench smoke: $label" >&2
        exit 1
    fi
    echo "--- $label: ok in $((SECONDS - began)) s"
}

if ! command -v wrk >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

drop "$SEEDED" "$TEMPLATE"
psql -q "$SERVER/postgres" -c "CREATE DATABASE \"$TEMPLATE\""
run "migrate (once, into the template)" env DATABASE_URL="$SERVER/$TEMPLATE" \
    $PY manage.py migrate -v0
psql -q "$SERVER/postgres" -c "CREATE DATABASE \"$SEEDED\" TEMPLATE \"$TEMPLATE\""
export DATABASE_URL="$SERVER/$SEEDED"
run "seed.py 500" $PY bench/seed.py 500
run "pages.py --smoke" $PY bench/pages.py --smoke
run "cpu.py --smoke" $PY bench/cpu.py --smoke
run "desk.py --smoke" $PY bench/desk.py --smoke
run "export.py" $PY bench/export.py
run "load.sh (1 s per URL)" env DURATION=1s CONNECTIONS=2 \
    PORT="$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')" \
    bench/load.sh
drop "$SEEDED"
export DATABASE_URL="$SERVER/postgres"
run "import.py --smoke" $PY bench/import.py --smoke --database "${PREFIX}_csv_bench" \
    --template "$TEMPLATE"
run "load_during_import.py --smoke" $PY bench/load_during_import.py --smoke \
    --database "${PREFIX}_load_bench" --template "$TEMPLATE"
echo
echo "Every benchmark ran in its smoke size ($((SECONDS - STARTED)) s)."
