#!/usr/bin/env bash
# Container entry point: one image, several roles.
#   web      gunicorn serving the admin, the API and /health/ (the default)
#   worker   a task worker (TASKS_BACKEND picks which one; WORKER_QUEUES which queues)
#   migrate  apply database migrations and store every page afresh, once per release
#   manage   any other management command, e.g. `manage backup_content /backups/x.tar.gz`
# Anything else runs as given (e.g. `bash`).
set -euo pipefail

cd "${APP_HOME:-/app}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-cms.settings.production}"
PYTHON="${PYTHON:-python}"

wait_for_database() {
    # Compose starts containers together; PostgreSQL may still be booting. Give it
    # DB_WAIT_SECONDS, then fail loudly rather than crash-looping silently. A settings
    # error (a missing variable) is not worth waiting for: exit at once with it.
    local deadline=$((SECONDS + ${DB_WAIT_SECONDS:-60})) status
    while true; do
        status=0
        "$PYTHON" - <<'PY' || status=$?
import sys

import django
from django.db import connection
from django.db.utils import OperationalError

django.setup()  # raises, and so exits 1 with the message, on a configuration error
try:
    connection.ensure_connection()
except OperationalError as exc:
    print(f"database not reachable yet: {type(exc).__name__}", file=sys.stderr)
    sys.exit(75)  # EX_TEMPFAIL: try again
PY
        case "$status" in
            0) return 0 ;;
            75) ;;
            *) exit "$status" ;;
        esac
        if ((SECONDS >= deadline)); then
            echo "ERROR: the database did not answer within ${DB_WAIT_SECONDS:-60}s" >&2
            exit 1
        fi
        sleep 2
    done
}

role="${1:-web}"
[[ $# -gt 0 ]] && shift

case "$role" in
    web)
        wait_for_database
        exec gunicorn --config "${GUNICORN_CONFIG:-deploy/gunicorn.conf.py}" cms.wsgi:application "$@"
        ;;
    worker)
        wait_for_database
        case "${TASKS_BACKEND:-database}" in
            database)
                # One id per worker, kept across restarts (the container's hostname):
                # what this id was running when it was killed is requeued first.
                worker_id="${TASK_WORKER_ID:-$(hostname)}"
                worker_id="${worker_id:0:64}"
                "$PYTHON" manage.py requeue_orphaned_tasks --worker-id "$worker_id"
                # SIGTERM lets the current export finish before the worker exits.
                # WORKER_QUEUES=content for the worker that keeps the store fresh,
                # =webhooks for the one that sends deliveries; WORKER_INTERVAL (seconds
                # between polls of an idle queue, db_worker's default 1) is 0.2 for both.
                exec "$PYTHON" manage.py db_worker --queue-name "${WORKER_QUEUES:-*}" --no-reload \
                    --worker-id "$worker_id" ${WORKER_INTERVAL:+--interval "$WORKER_INTERVAL"} "$@"
                ;;
            rq)
                # RQ waits for no poll (WORKER_INTERVAL is not used). --with-scheduler: a
                # task queued to run later (a webhook retry, a coalesced delivery, a lease
                # check, a debounced PDF export) is only ever run by RQ's scheduler.
                # shellcheck disable=SC2086 # the queue names are words
                exec "$PYTHON" manage.py rqworker --job-class django_tasks_rq.Job --with-scheduler \
                    ${WORKER_QUEUES:-content webhooks default} "$@"
                ;;
            *)
                echo "ERROR: TASKS_BACKEND=${TASKS_BACKEND} has no worker (use database or rq)" >&2
                exit 1
                ;;
        esac
        ;;
    migrate)
        wait_for_database
        "$PYTHON" manage.py migrate --noinput
        # A release may change how pages are represented: store them all afresh.
        exec "$PYTHON" manage.py rebuild_representations
        ;;
    manage)
        exec "$PYTHON" manage.py "$@"
        ;;
    *)
        exec "$role" "$@"
        ;;
esac
