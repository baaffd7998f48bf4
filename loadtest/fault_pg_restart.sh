#!/usr/bin/env bash
# Fault: PostgreSQL restarts while the read API is under load. The service must come
# back by itself (no restart of gunicorn), i.e. Django replaces its dropped
# persistent connections (CONN_MAX_AGE + conn_health_checks).
#
#   loadtest/fault_pg_restart.sh [SECONDS]           (default 40; restart at SECONDS/4)
#
# The restart command is $LT_PG_RESTART. Without it the machine's main cluster is
# restarted (pg_ctlcluster --skip-systemctl-redirect <version> main restart), which
# disconnects EVERY user of that server: it needs LT_CONFIRM_RESTART_MAIN=1. To
# exercise the fault alone, use the private cluster:
#   loadtest/private_pg.sh start
#   LT_PG=$(loadtest/private_pg.sh url) LT_PG_RESTART="loadtest/private_pg.sh restart" \
#       loadtest/fault_pg_restart.sh
#   loadtest/private_pg.sh stop
# The API's response cache is off for this run, so every request needs PostgreSQL.
# Passes when, after the restart, /health/ is 200 again within 30 s and a 10 s load
# run has zero errors. Requests in flight during the restart may fail; they are counted.
# shellcheck source=loadtest/lib.sh
LT_NEEDS_WRK=1
source "$(dirname "$0")/lib.sh"

duration="${1:-40}"
if ! [[ "$duration" =~ ^[0-9]+$ ]] || ((duration < 8 || duration > 600)); then
    echo "SECONDS must be 8..600" >&2
    exit 2
fi
if [[ -z "${LT_PG_RESTART:-}" ]]; then
    if [[ "${LT_CONFIRM_RESTART_MAIN:-}" != 1 ]]; then
        echo "This restarts the machine's main PostgreSQL cluster and cuts off every user." >&2
        echo "Set LT_CONFIRM_RESTART_MAIN=1 to do so, or LT_PG_RESTART (see the header)." >&2
        exit 2
    fi
    pg_version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -1)"
    LT_PG_RESTART="pg_ctlcluster --skip-systemctl-redirect ${pg_version} main restart"
fi
restart_command="$LT_PG_RESTART"

# Every request goes to PostgreSQL: with the Redis response cache on, most of them
# would be answered from Redis and the restart would hardly be noticed.
export API_RESPONSE_CACHE=false
lt_prepare
lt_start_web
python "$LT_ROOT/loadtest/api_paths.py" "$LT_BASE" >"$LT_VAR/paths.txt"
export LT_PATHS="$LT_VAR/paths.txt"
web_pid_before="$LT_WEB_PID"

wrk_run() {
    wrk --threads 2 --connections "${2:-50}" --duration "$1" --timeout 10s \
        --script "$LT_ROOT/loadtest/paths.lua" "$LT_BASE" | grep '^RESULT'
}

echo "==> Load for ${duration} s; PostgreSQL restarts after $((duration / 4)) s: ${restart_command}"
wrk_run "${duration}s" >"$LT_VAR/pg_fault_load.txt" &
wrk_pid=$!
LT_PIDS+=("$wrk_pid")
sleep "$((duration / 4))"
restart_started=$SECONDS
bash -c "$restart_command"
echo "    restart took $((SECONDS - restart_started)) s"

recovered=""
for _ in $(seq 60); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$LT_BASE/health/")" == 200 ]]; then
        recovered=$((SECONDS - restart_started))
        break
    fi
    sleep 0.5
done
wait "$wrk_pid" || true
echo "DURING $(cat "$LT_VAR/pg_fault_load.txt")"

if [[ -z "$recovered" ]]; then
    echo "FAIL: /health/ did not return to 200 within 30 s of the restart" >&2
    exit 1
fi
echo "    /health/ back to 200 ${recovered} s after the restart began"
if ! kill -0 "$web_pid_before" 2>/dev/null; then
    echo "FAIL: gunicorn itself died" >&2
    exit 1
fi
after="$(wrk_run 10s)"
echo "AFTER $after"
if [[ "$after" != *"errors_connect=0 errors_read=0 errors_write=0 errors_timeout=0 errors_http=0"* ]]; then
    echo "FAIL: errors after recovery" >&2
    exit 1
fi
echo "PASS: recovered without restarting gunicorn"
