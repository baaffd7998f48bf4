#!/usr/bin/env bash
# Runs the task worker (PDF exports) in the background and the web server in the
# foreground; stopping the server (Ctrl-C) stops the worker too.
set -euo pipefail
port="${1:-8000}"
mkdir -p var
.venv/bin/python manage.py db_worker --queue-name "*" --no-reload >var/worker.log 2>&1 &
echo "==> Task worker started (log: var/worker.log)"
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
.venv/bin/python manage.py runserver "0.0.0.0:${port}"
