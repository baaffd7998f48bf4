#!/usr/bin/env bash
# Fault: the task worker is killed (SIGKILL, no chance to clean up) in the middle of a
# PDF export. Expected: readers keep getting the previous PDF meanwhile, and once a
# worker runs again the export is retried and completes with the new content.
#
#   loadtest/fault_worker_kill.sh [RETRY_WAIT_SECONDS]     (default 180)
#
# Exits 0 when the new PDF is served within RETRY_WAIT_SECONDS of the new worker's start.
# shellcheck source=loadtest/lib.sh
source "$(dirname "$0")/lib.sh"

retry_wait="${1:-180}"
if ! [[ "$retry_wait" =~ ^[0-9]+$ ]] || ((retry_wait < 1 || retry_wait > 1800)); then
    echo "RETRY_WAIT_SECONDS must be 1..1800" >&2
    exit 2
fi

lt_prepare
lt_start_web
lt_start_worker

slug="$(curl -fsS "$LT_BASE/api/v1/playbooks/" | python -c 'import json, sys; b = json.load(sys.stdin); print((b.get("results", b))[0]["slug"])')"
pdf_url="$LT_BASE/api/v1/playbooks/$slug/pdf/"
status_of() {
    curl -fsS "$LT_BASE/api/v1/playbooks/$slug/pdf/status/" \
        | python -c 'import json, sys; b = json.load(sys.stdin); e = b["exports"][b["default_paper"]]; print(e["status"], e["version"])'
}
etag_of() { curl -s -o /dev/null -D - "$pdf_url" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}'; }
code_of() { curl -s -o /dev/null -w '%{http_code}' "$pdf_url"; }

echo "==> Making sure a PDF of '$slug' exists (the worker renders it)"
deadline=$((SECONDS + 300))
until [[ "$(code_of)" == 200 ]]; do
    ((SECONDS < deadline)) || { echo "FAIL: no first PDF within 300 s: $(status_of)" >&2; exit 1; }
    sleep 2
done
old_etag="$(etag_of)"
echo "    current PDF: ETag $old_etag"

echo "==> An editor publishes a change, and an export starts"
lt_manage shell -v0 -c "
from playbook_pages.models import ChallengePage, PlaybookPage
from exports.services import schedule_export
playbook = PlaybookPage.objects.live().get(slug='$slug')
page = ChallengePage.objects.child_of(playbook).live().first().specific
page.summary = (page.summary or '') + ' Updated during the worker-kill test.'
page.save_revision().publish()
schedule_export(playbook, playbook.pdf_paper_size, reason='worker-kill test', delay=0)
"
deadline=$((SECONDS + 120))
until [[ "$(status_of)" == running* ]]; do
    ((SECONDS < deadline)) || { echo "FAIL: the export never started: $(status_of)" >&2; exit 1; }
    sleep 0.2
done
sleep 1  # well inside the render (several seconds for the demo playbook)
echo "==> Killing the worker (pid $LT_WORKER_PID) with SIGKILL while it renders: $(status_of)"
kill -KILL "$LT_WORKER_PID"
wait "$LT_WORKER_PID" 2>/dev/null || true

during_code="$(code_of)"
during_etag="$(etag_of)"
echo "    while no worker runs: GET pdf -> HTTP $during_code, ETag $during_etag, status $(status_of)"
served_previous=no
[[ "$during_code" == 200 && "$during_etag" == "$old_etag" ]] && served_previous=yes

echo "==> Starting a new worker; waiting up to ${retry_wait} s for the export to be retried"
lt_start_worker
restarted=$SECONDS
completed=""
while ((SECONDS - restarted < retry_wait)); do
    # A reader asking for the PDF is part of the scenario: it may trigger the retry.
    code_of >/dev/null
    state="$(status_of)"
    etag="$(etag_of)"
    if [[ "$state" == ready* && -n "$etag" && "$etag" != "$old_etag" ]]; then
        completed=$((SECONDS - restarted))
        break
    fi
    sleep 2
done

echo "RESULT previous_pdf_served_while_down=$served_previous retried_and_completed_after_s=${completed:-never} final_status=\"$(status_of)\""
[[ "$served_previous" == yes && -n "$completed" ]] || {
    echo "FAIL (worker log: $LT_VAR/worker.log)" >&2
    exit 1
}
echo "PASS"
