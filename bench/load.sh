#!/usr/bin/env bash
# Requests per second under load: gunicorn (2 workers) on loopback, wrk in a second process.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk_bench_1m bench/load.sh
#
# Measures, for DURATION each with CONNECTIONS connections: the trivial view, the verified
# figures (/) and a claim page, first served from the page cache (as readers get them),
# then rendered on every request (FACTDESK_PAGE_CACHE_SECONDS=0). Prints requests/s, the
# ratio to the trivial view measured in the same phase, and the non-2xx count.
# Needs wrk (apt-get install -y wrk) and the cache bench/settings.py names (Redis).
# Stops by itself: every wrk run is bounded by DURATION, gunicorn is stopped on exit.
# Exits 1 if any answer was not 2xx/3xx. bench/smoke.sh runs it with DURATION=1s.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8765}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-8}
WORKERS=${WORKERS:-2}
BASE="http://127.0.0.1:${PORT}"
export DJANGO_SETTINGS_MODULE=bench.settings
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/factdesk_bench}
PY=.venv/bin/python
GUNICORN_PID=""
NON_2XX=0

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

stop_server() {
    if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill "$GUNICORN_PID"
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    GUNICORN_PID=""
}
trap stop_server EXIT

start_server() {  # $1: page cache seconds
    FACTDESK_PAGE_CACHE_SECONDS="$1" .venv/bin/gunicorn factcheck.wsgi:application \
        --bind "127.0.0.1:${PORT}" --workers "$WORKERS" --log-level warning &
    GUNICORN_PID=$!
    for _ in $(seq 1 50); do
        curl -fs -o /dev/null "${BASE}/bench/trivial/" && return 0
        sleep 0.2
    done
    echo "gunicorn did not answer on ${BASE}" >&2
    exit 1
}

# wrk's requests/s and its count of non-2xx/3xx answers for one URL, as "RPS NON2XX".
measure() {
    local out rps bad
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "${BASE}$1")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
    echo "${rps} ${bad:-0}"
}

phase() {  # $1: title, $2: page cache seconds
    local trivial_rps rps bad label url
    start_server "$2"
    for url in "${URLS[@]}"; do curl -fs -o /dev/null "${BASE}${url}"; done  # warm every worker's cache
    for url in "${URLS[@]}"; do curl -fs -o /dev/null "${BASE}${url}"; done
    echo
    echo "$1"
    printf '%-28s %10s %10s %8s\n' page "req/s" "×trivial" non-2xx
    read -r trivial_rps bad < <(measure "${URLS[0]}")
    printf '%-28s %10.0f %10.2f %8s\n' "trivial view" "$trivial_rps" 1 "$bad"
    NON_2XX=$((NON_2XX + bad))
    for i in 1 2; do
        label=${LABELS[$i]}
        read -r rps bad < <(measure "${URLS[$i]}")
        printf '%-28s %10.0f %10.2f %8s\n' "$label" "$rps" "$(awk -v a="$rps" -v b="$trivial_rps" 'BEGIN {print a / b}')" "$bad"
        NON_2XX=$((NON_2XX + bad))
    done
    stop_server
}

CLAIM_URL=$($PY bench/claim_url.py)
URLS=("/bench/trivial/" "/" "$CLAIM_URL")
LABELS=("trivial view" "verified figures (/)" "claim page ($CLAIM_URL)")
CLAIMS=$($PY -c "import django; django.setup(); from factcheck.models import Claim; print(Claim.objects.count())")

echo "$CLAIMS claims; gunicorn $WORKERS workers; wrk -t2 -c$CONNECTIONS -d$DURATION on loopback"
phase "Served from the page cache (what readers get between changes)" 600
phase "Rendered on every request (FACTDESK_PAGE_CACHE_SECONDS=0)" 0
if [ "$NON_2XX" -gt 0 ]; then
    echo "FAIL: $NON_2XX answers were not 2xx/3xx" >&2
    exit 1
fi
