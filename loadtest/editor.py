"""An editor at work during the load test: publishes a page every second, asks for PDFs.

Contract: for ``--duration`` seconds, publishes one live page per ``--interval``
(cycling through tools, case studies, resources and challenges; each publish changes
the page's summary, so the API cache is invalidated and the PDF goes out of date) and
every ``--export-every`` seconds queues a PDF export of each live playbook for the task
worker. Prints one ``EDITOR`` line with publish count, publish latency and errors.
Run with the same environment as the server (``loadtest/lib.sh`` sets it up):

    python loadtest/editor.py --duration 60
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.db import close_old_connections  # noqa: E402

from playbook_pages.models import (  # noqa: E402
    CaseStudyPage,
    ChallengePage,
    ExternalResourcePage,
    PlaybookPage,
    ToolPage,
)

MARK = " (revised)"


def pages_to_edit():
    pages = []
    for model in (ToolPage, CaseStudyPage, ExternalResourcePage, ChallengePage):
        pages.extend(model.objects.live().public().order_by("pk")[:20])
    return pages


def publish(page):
    page = page.specific_class.objects.get(pk=page.pk)
    summary = page.summary or ""
    page.summary = summary[: -len(MARK)] if summary.endswith(MARK) else summary[:580] + MARK
    page.save_revision(log_action=True).publish()


def queue_exports():
    from exports.services import schedule_export

    for playbook in PlaybookPage.objects.live().public():
        schedule_export(playbook, playbook.pdf_paper_size, reason="load test", delay=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--export-every", type=float, default=10.0)
    args = parser.parse_args()
    if not 0 < args.duration <= 3600:
        parser.error("--duration must be between 0 and 3600 seconds")

    pages = pages_to_edit()
    if not pages:
        sys.exit("no live pages to publish: load the demo content first")
    latencies, errors, exports = [], 0, 0
    started = time.monotonic()
    next_export = started
    index = 0
    while time.monotonic() - started < args.duration:
        tick = time.monotonic()
        close_old_connections()
        try:
            publish(pages[index % len(pages)])
            latencies.append((time.monotonic() - tick) * 1000)
        except Exception as exc:  # noqa: BLE001 - counted and reported, the run goes on
            errors += 1
            print(f"publish failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        index += 1
        if tick >= next_export:
            try:
                queue_exports()
                exports += 1
            except Exception as exc:  # noqa: BLE001
                errors += 1
                print(f"export request failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            next_export = tick + args.export_every
        time.sleep(max(0.0, args.interval - (time.monotonic() - tick)))

    p50 = statistics.median(latencies) if latencies else 0
    p99 = statistics.quantiles(latencies, n=100)[98] if len(latencies) >= 2 else p50
    print(
        f"EDITOR publishes={len(latencies)} publish_p50_ms={p50:.0f} publish_p99_ms={p99:.0f} "
        f"export_requests={exports} errors={errors}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
