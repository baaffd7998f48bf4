#!/usr/bin/env bash
# Load test of the read API on loopback: gunicorn + PostgreSQL + Redis, production settings.
#
#   loadtest/run_load.sh [SECONDS] [CONNECTIONS]      (defaults: 60 s, 50 connections)
#
# Phase 1: wrk with CONNECTIONS concurrent clients over every read endpoint for SECONDS.
# Phase 2: the same while an editor publishes a page every second and the task worker
# renders PDF exports. Prints requests/s, p50/p90/p99 latency and errors per phase, and
# exits non-zero if any request failed. Installs wrk where missing (lib.sh).
# shellcheck source=loadtest/lib.sh
LT_NEEDS_WRK=1
source "$(dirname "$0")/lib.sh"

duration="${1:-60}"
connections="${2:-50}"
threads="${LT_WRK_THREADS:-2}"
if ! [[ "$duration" =~ ^[0-9]+$ ]] || ((duration < 1 || duration > 600)); then
    echo "SECONDS must be 1..600" >&2
    exit 2
fi

lt_prepare
lt_start_web
lt_start_worker

echo "==> Collecting the read API's URLs from its schema"
python "$LT_ROOT/loadtest/api_paths.py" "$LT_BASE" >"$LT_VAR/paths.txt"
echo "    $(wc -l <"$LT_VAR/paths.txt") URLs (list: $LT_VAR/paths.txt)"
export LT_PATHS="$LT_VAR/paths.txt"

run_wrk() {
    # --timeout: a response slower than 10 s counts as an error, not as a latency.
    wrk --threads "$threads" --connections "$connections" --duration "${duration}s" \
        --timeout 10s --latency --script "$LT_ROOT/loadtest/paths.lua" "$LT_BASE" \
        | tee -a "$LT_VAR/wrk.log" | grep '^RESULT'
}

echo "==> Warm-up (5 s)"
wrk --threads 1 --connections 4 --duration 5s --script "$LT_ROOT/loadtest/paths.lua" "$LT_BASE" >/dev/null

echo "==> Phase 1: read API only, ${connections} clients, ${duration} s"
phase1="$(run_wrk)"
echo "$phase1"

echo "==> Phase 2: the same while an editor publishes every second and PDFs render"
python "$LT_ROOT/loadtest/editor.py" --duration "$duration" >"$LT_VAR/editor.out" 2>"$LT_VAR/editor.err" &
editor_pid=$!
LT_PIDS+=("$editor_pid")
phase2="$(run_wrk)"
echo "$phase2"
wait "$editor_pid" || true
cat "$LT_VAR/editor.out"
exports_done="$(lt_manage shell -v0 -c 'from exports.models import PlaybookExport as E; print(" ".join(f"{e.playbook.slug}:{e.paper}:{e.status}" for e in E.objects.all()))' 2>/dev/null || echo unknown)"
echo "EXPORTS $exports_done"

failures=0
for line in "$phase1" "$phase2"; do
    for key in errors_connect errors_read errors_write errors_timeout errors_http; do
        value="$(sed -n "s/.*${key}=\([0-9]*\).*/\1/p" <<<"$line")"
        failures=$((failures + ${value:-1}))
    done
done
if grep -q "errors=0" "$LT_VAR/editor.out"; then :; else failures=$((failures + 1)); fi
echo "==> Errors in total: $failures (logs in $LT_VAR)"
((failures == 0))
