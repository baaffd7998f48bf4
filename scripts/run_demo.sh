#!/usr/bin/env bash
# Runs the demo on one machine: the task workers (PDF exports, search and reference
# index updates; and, on a worker of its own, the stored representations) and a once-a-minute `publish_scheduled` loop in the background,
# the web server in the foreground. Stopping the server (Ctrl-C) stops the rest.
# Usage: scripts/run_demo.sh [PORT]; SITE_URL (the Makefile sets it) is the address
# printed and, unless they are set, PUBLIC_BASE_URL, FRONTEND_URL and WAGTAILADMIN_BASE_URL; LOG_DIR
# (default var/) holds the worker's and the scheduler's logs; BIND_HOST (default
# 0.0.0.0) is the interface the server listens on.
set -euo pipefail
port="${1:-8000}"
export SITE_URL="${SITE_URL:-http://localhost:${port}}"
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-$SITE_URL}"
export FRONTEND_URL="${FRONTEND_URL:-$SITE_URL}"
export WAGTAILADMIN_BASE_URL="${WAGTAILADMIN_BASE_URL:-$SITE_URL}"
logs="${LOG_DIR:-var}"
mkdir -p "$logs"

.venv/bin/python manage.py db_worker --queue-name default --no-reload >"$logs/worker.log" 2>&1 &
worker=$!
# Its own worker: a publish reaches readers without waiting behind a PDF render.
.venv/bin/python manage.py db_worker --queue-name content --interval 0.2 --no-reload >"$logs/content-worker.log" 2>&1 &
content_worker=$!
# And webhook deliveries theirs: a slow receiver holds up nothing else.
.venv/bin/python manage.py db_worker --queue-name webhooks --interval 0.2 --no-reload >"$logs/webhooks-worker.log" 2>&1 &
webhooks_worker=$!
(
    while true; do
        .venv/bin/python manage.py publish_scheduled >>"$logs/scheduler.log" 2>&1 || true
        sleep 60
    done
) &
scheduler=$!
trap 'kill $worker $content_worker $webhooks_worker $scheduler 2>/dev/null || true' EXIT INT TERM
echo "==> Task workers running (logs: $logs/worker.log, $logs/content-worker.log, $logs/webhooks-worker.log); scheduled publishing checked every minute ($logs/scheduler.log)"
echo "==> Reader: ${SITE_URL}/   Admin: ${WAGTAILADMIN_BASE_URL}/admin/   API docs: ${SITE_URL}/api/v1/docs/   Previews: ${FRONTEND_URL}/preview"
.venv/bin/python manage.py runserver "${BIND_HOST:-0.0.0.0}:${port}"
