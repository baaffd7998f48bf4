# Shared by the load, fuzz and fault scripts: a production-like stack on loopback.
#
# gunicorn with cms.settings.production (via deploy/entrypoint.sh, as in the image),
# PostgreSQL and Redis on 127.0.0.1, a database of its own (created and loaded with
# the demo content on first use) and a Redis database number of its own. Everything
# it starts is stopped on exit. Override with LT_* variables:
#   LT_PORT (8620)  LT_PG (postgres://postgres@127.0.0.1:5432)  LT_DB (playbook_loadtest)
#   LT_REDIS (redis://127.0.0.1:6379/12)  LT_WEB_CONCURRENCY (3)  LT_THREADS (2)
#   LT_VAR (var/loadtest: secret key, static files, media, logs, reports)
#   LT_FRESH=1 drops and recreates the database (and its media) first.
# shellcheck shell=bash

set -euo pipefail

LT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LT_VENV_BIN="${LT_VENV_BIN:-$LT_ROOT/.venv/bin}"
LT_PORT="${LT_PORT:-8620}"
LT_PG="${LT_PG:-postgres://postgres@127.0.0.1:5432}"
LT_DB="${LT_DB:-playbook_loadtest}"
LT_REDIS="${LT_REDIS:-redis://127.0.0.1:6379/12}"
LT_VAR="${LT_VAR:-$LT_ROOT/var/loadtest}"
LT_BASE="http://127.0.0.1:${LT_PORT}"
LT_PIDS=()

mkdir -p "$LT_VAR"

lt_env() {
    export PATH="$LT_VENV_BIN:$PATH"
    export APP_HOME="$LT_ROOT"
    export DJANGO_SETTINGS_MODULE=cms.settings.production
    # A throwaway key per stack: nothing signed by it outlives the run.
    if [[ ! -s "$LT_VAR/secret_key" ]]; then
        python3 -c "import secrets; print(secrets.token_urlsafe(50))" >"$LT_VAR/secret_key"
    fi
    SECRET_KEY="$(cat "$LT_VAR/secret_key")"
    export SECRET_KEY
    export DATABASE_URL="${LT_PG}/${LT_DB}"
    export REDIS_URL="$LT_REDIS"
    export ALLOWED_HOSTS="localhost,127.0.0.1"
    # Production settings refuse a local public address; nothing here follows the links.
    export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-https://playbook.example.org}"
    export SECURE_SSL_REDIRECT=false
    export STATIC_ROOT="$LT_VAR/static"
    export MEDIA_ROOT="$LT_VAR/media"
    export PORT="$LT_PORT"
    export WEB_CONCURRENCY="${LT_WEB_CONCURRENCY:-3}"
    export GUNICORN_THREADS="${LT_THREADS:-2}"
    export GUNICORN_ACCESSLOG=""  # a 60 s run would log millions of lines
    # The load comes from one address; the anonymous rate limit would answer 429.
    export API_ANON_THROTTLE_RATE=""
}

lt_manage() {
    (cd "$LT_ROOT" && python manage.py "$@")
}

lt_prepare() {
    lt_env
    if [[ "${LT_NEEDS_WRK:-0}" == 1 ]] && ! command -v wrk >/dev/null; then
        WITH_LOADTEST=1 "$LT_ROOT/scripts/install_system_deps.sh"
    fi
    if [[ "${LT_FRESH:-0}" == 1 ]]; then
        echo "==> Dropping database ${LT_DB} (LT_FRESH=1)"
        psql "${LT_PG}/postgres" -qc "DROP DATABASE IF EXISTS \"${LT_DB}\" WITH (FORCE)"
        rm -rf "${LT_VAR:?}/media"
    fi
    if ! psql "${LT_PG}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '${LT_DB}'" | grep -q 1; then
        echo "==> Creating database ${LT_DB}"
        psql "${LT_PG}/postgres" -qc "CREATE DATABASE \"${LT_DB}\""
    fi
    echo "==> Migrating ${LT_DB}"
    lt_manage migrate --noinput -v0
    if [[ ! -f "$LT_VAR/static/staticfiles.json" ]]; then
        echo "==> Collecting static files (as the image build does)"
        lt_manage collectstatic --noinput -v0
    fi
    if [[ "$(lt_manage shell -v0 -c 'from playbook_pages.models import PlaybookPage; print(PlaybookPage.objects.live().count())')" == "0" ]]; then
        echo "==> Loading the demo content"
        lt_manage load_demo_content
    fi
    # As the image's migrate role does: every page stored before the server answers.
    echo "==> Storing what readers see"
    lt_manage rebuild_representations
}

lt_wait_http() {
    local url="$1" deadline=$((SECONDS + ${2:-60}))
    until curl -fsS -o /dev/null "$url" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            echo "ERROR: $url did not answer" >&2
            return 1
        fi
        sleep 0.5
    done
}

lt_start_web() {
    lt_env
    "$LT_ROOT/deploy/entrypoint.sh" web >"$LT_VAR/web.log" 2>&1 &
    LT_WEB_PID=$!
    LT_PIDS+=("$LT_WEB_PID")
    lt_wait_http "$LT_BASE/health/" 60
    echo "==> gunicorn (pid $LT_WEB_PID) on $LT_BASE, ${WEB_CONCURRENCY} processes x ${GUNICORN_THREADS} threads"
}

lt_start_worker() {
    lt_env
    "$LT_ROOT/deploy/entrypoint.sh" worker >>"$LT_VAR/worker.log" 2>&1 &
    LT_WORKER_PID=$!
    LT_PIDS+=("$LT_WORKER_PID")
    echo "==> task worker (pid $LT_WORKER_PID)"
}

lt_stop_all() {
    local pid
    for pid in "${LT_PIDS[@]:-}"; do
        [[ -n "$pid" ]] || continue
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
    for pid in "${LT_PIDS[@]:-}"; do
        [[ -n "$pid" ]] || continue
        # Bounded: a process that ignores SIGTERM for 30 s is killed.
        for _ in $(seq 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
}

trap lt_stop_all EXIT
