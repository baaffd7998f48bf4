#!/usr/bin/env bash
# Fault: Redis goes away under load and comes back. The API must keep answering
# (uncached, same content), /health/ must say the cache is down, and everything must
# return to normal by itself once Redis is back.
#
#   loadtest/fault_redis_down.sh [SECONDS]       (default 45: up, down for a third, up)
#
# The Redis used here is a private redis-server started on LT_REDIS_PORT (6391), so
# killing it harms no one else. Task queue: the database backend (the default).
# shellcheck source=loadtest/lib.sh
LT_NEEDS_WRK=1
source "$(dirname "$0")/lib.sh"

duration="${1:-45}"
if ! [[ "$duration" =~ ^[0-9]+$ ]] || ((duration < 9 || duration > 600)); then
    echo "SECONDS must be 9..600" >&2
    exit 2
fi
redis_port="${LT_REDIS_PORT:-6391}"
redis_dir="$LT_VAR/private-redis"
mkdir -p "$redis_dir"

start_redis() {
    redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
        --dir "$redis_dir" >"$redis_dir/redis.log" 2>&1 &
    REDIS_PID=$!
    LT_PIDS+=("$REDIS_PID")
    for _ in $(seq 50); do
        redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "private redis-server did not start" >&2
    return 1
}

start_redis
export LT_REDIS="redis://127.0.0.1:${redis_port}/0"
lt_prepare
lt_start_web
python "$LT_ROOT/loadtest/api_paths.py" "$LT_BASE" >"$LT_VAR/paths.txt"
export LT_PATHS="$LT_VAR/paths.txt"
probe="$(sed -n 1p "$LT_PATHS")"
body_before="$(curl -fsS "$LT_BASE$probe" | sha256sum)"

echo "==> Load for ${duration} s; Redis is killed at $((duration / 3)) s and back at $((2 * duration / 3)) s"
wrk --threads 2 --connections 50 --duration "${duration}s" --timeout 10s \
    --script "$LT_ROOT/loadtest/paths.lua" "$LT_BASE" | grep '^RESULT' >"$LT_VAR/redis_fault_load.txt" &
wrk_pid=$!
LT_PIDS+=("$wrk_pid")

sleep "$((duration / 3))"
kill -KILL "$REDIS_PID"
wait "$REDIS_PID" 2>/dev/null || true
sleep 2
health_down="$(curl -s -w ' HTTP %{http_code}' "$LT_BASE/health/")"
api_down_status="$(curl -s -o "$LT_VAR/redis_down_body.json" -w '%{http_code}' "$LT_BASE$probe")"
body_down="$(sha256sum <"$LT_VAR/redis_down_body.json")"
sleep "$((duration / 3 - 2))"
start_redis
back_at=$SECONDS
health_up=""
for _ in $(seq 40); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$LT_BASE/health/")" == 200 ]]; then
        health_up=$((SECONDS - back_at))
        break
    fi
    sleep 0.5
done
wait "$wrk_pid" || true

echo "LOAD $(cat "$LT_VAR/redis_fault_load.txt")"
echo "HEALTH while Redis was down: $health_down"
echo "API while Redis was down: $probe -> HTTP $api_down_status, same body as before: $([[ "$body_down" == "$body_before" ]] && echo yes || echo NO)"
echo "HEALTH back to 200 ${health_up:-never} s after Redis restarted"
keys="$(redis-cli -p "$redis_port" dbsize)"
echo "CACHE keys in Redis after recovery: $keys"

status=0
[[ "$(cat "$LT_VAR/redis_fault_load.txt")" == *"errors_connect=0 errors_read=0 errors_write=0 errors_timeout=0 errors_http=0"* ]] || { echo "FAIL: requests failed during the outage" >&2; status=1; }
[[ "$health_down" == *'"cache": {"status": "error"'*"HTTP 503" ]] || { echo "FAIL: /health/ did not report the cache outage" >&2; status=1; }
[[ "$api_down_status" == 200 && "$body_down" == "$body_before" ]] || { echo "FAIL: the API did not answer the same while Redis was down" >&2; status=1; }
[[ -n "$health_up" ]] || { echo "FAIL: /health/ did not recover" >&2; status=1; }
((keys > 0)) || { echo "FAIL: nothing cached again after recovery" >&2; status=1; }
((status == 0)) && echo "PASS: the API answered throughout, uncached while Redis was down"
exit "$status"
