#!/usr/bin/env bash
# Runs the demo on one machine: the task worker (PDF exports, search and reference
# index updates) and a once-a-minute `publish_scheduled` loop in the background,
# the web server in the foreground. Stopping the server (Ctrl-C) stops the rest.
set -euo pipefail
port="${1:-8000}"
mkdir -p var

.venv/bin/python manage.py db_worker --queue-name default --no-reload >var/worker.log 2>&1 &
worker=$!
# Its own worker: a publish reaches readers without waiting behind a PDF render.
.venv/bin/python manage.py db_worker --queue-name content --no-reload >var/content-worker.log 2>&1 &
content_worker=$!
(
    while true; do
        .venv/bin/python manage.py publish_scheduled >>var/scheduler.log 2>&1 || true
        sleep 60
    done
) &
scheduler=$!
trap 'kill $worker $content_worker $scheduler 2>/dev/null || true' EXIT INT TERM
echo "==> Task workers running (logs: var/worker.log, var/content-worker.log); scheduled publishing checked every minute (var/scheduler.log)"
echo "==> Reader: http://localhost:${port}/   Admin: http://localhost:${port}/admin/   API docs: http://localhost:${port}/api/v1/docs/"
.venv/bin/python manage.py runserver "0.0.0.0:${port}"
