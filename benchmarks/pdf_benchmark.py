"""PDF export benchmark: synthetic playbooks of growing size, our pipeline vs WeasyPrint alone.

    .venv/bin/python benchmarks/pdf_benchmark.py            # 25, 50, 100 and 200 tools
    .venv/bin/python benchmarks/pdf_benchmark.py --sizes 25 50 --paper letter
    .venv/bin/python benchmarks/pdf_benchmark.py --personal-only   # personal PDF figures

For each size a fresh SQLite database (copied from one migrated template) gets a
playbook built with the test factories (four challenges, N tools, N/8 case studies and
resources, real .docx/.xlsx templates on every third tool). Then, each in its own
process so that peak memory (ru_maxrss) belongs to that step alone:

1. ``export``: ``exports.services.export_playbook`` end to end, forced, three times:
   "cold" (image renditions made for the first time) and twice "warm" (what a
   re-export after a publish costs). The best warm run is the figure compared below.
   WeasyPrint renders in its lean render process (``exports.pdf_child``, the
   default), or in the Django process with ``--in-process``. The render's peak memory
   is the render processes' own ``ru_maxrss`` (the highest of the three renders),
   else the Django process's; the Django process's own peak and its sum with the
   render's are printed beside it. CPU time is the Django process's plus the render
   process's.
2. ``weasyprint``: WeasyPrint alone on the same final HTML, with the same options,
   reading the same images, stylesheet and attachments from disk with its own
   fetcher.

First, on the smallest size, the personal PDF (``?challenges=`` of one challenge)
through the API: the first request (rendered in the request by the immediate
backend, image renditions made for the first time: the coldest case) and the median
and 90th percentile of 30 cached requests (goals: <= 5 s cold, <= 50 ms cached).

Printed per size: pages, seconds (wall and CPU), the render's peak memory, seconds per page,
WeasyPrint-alone seconds and memory, and the overhead ratio (ours / WeasyPrint alone,
on CPU time because other work on a shared machine stretches wall time at random;
target <= 1.15), then whether cost grows linearly (CPU seconds per page stays within
25% across sizes). Timed runs are the best of two.
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [25, 50, 100, 200]
STEPS = {"build", "export", "weasyprint", "personal", "publish"}  # run in child processes
TARGET_OVERHEAD = 1.15
TARGET_MEMORY = 1.2
LINEAR_TOLERANCE = 1.25


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup_django(workdir):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["TEST_MEDIA_ROOT"] = str(workdir / "media")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test.utils import override_settings

    # No task backend: publishing while building must not queue renders.
    override_settings(TASKS=tasks_setting("django_tasks.backends.dummy.DummyBackend")).enable()


def tasks_setting(backend):
    """A TASKS setting with ``backend`` and the project's queues (content, webhooks...)."""
    from django.conf import settings

    return {"default": {"BACKEND": backend, "QUEUES": settings.TASK_QUEUES}}


def child_build(workdir, tools):
    setup_django(workdir)
    from django.db import transaction
    from wagtail.models import Page, Site

    from tests import factories
    from tests.exports.playbook_builder import build_playbook

    started = time.perf_counter()
    with transaction.atomic():
        home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="hub")
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()
        tree = build_playbook(
            home, tools=tools, case_studies=max(tools // 8, 1), resources=max(tools // 8, 1)
        )
    # The PDF reads the stored representations: build them here, as the content
    # queue's worker does after a publish, so that the export's process (the default
    # queue's worker in the demo) does not carry the rebuild's memory.
    from content.rules import ReaderScope
    from content.store import rebuild_site

    rebuild_site(ReaderScope.for_site(site))
    return {"playbook": tree.playbook.pk, "build_seconds": time.perf_counter() - started}


def child_export(workdir, playbook_id, paper):
    setup_django(workdir)
    from django.conf import settings
    from django.contrib.staticfiles import finders

    from exports import services
    from exports.content import collect_playbook
    from exports.html import build_document
    from exports.pdf import WEASYPRINT_OPTIONS
    from playbook_pages.models import PlaybookPage

    # Each render's result, for the render process's own peak memory and CPU time.
    results = []

    def render_pdf(*args, **kwargs):
        results.append(real_render_pdf(*args, **kwargs))
        return results[-1]

    real_render_pdf, services.render_pdf = services.render_pdf, render_pdf

    base_mb = peak_mb()  # the process with Django, Wagtail and the project loaded
    playbook = PlaybookPage.objects.get(pk=playbook_id)
    runs, cpu, render_peaks = {}, {}, {}
    for label in ("cold", "warm", "warm2"):
        started, started_cpu = time.perf_counter(), time.process_time()
        export = services.export_playbook(playbook, paper, force=True)
        runs[label] = time.perf_counter() - started
        # A render in a process of its own spends its CPU there: count it too.
        cpu[label] = time.process_time() - started_cpu + (results[-1].process_cpu_seconds or 0)
        render_peaks[label] = results[-1].process_peak_mb
    in_child = render_peaks["cold"] is not None
    render_peak = max(render_peaks.values()) if in_child else None
    own_peak = peak_mb()
    forkserver_mb = children_peak_mb = None
    if in_child:
        # The fork server's size, then stop it so that the kernel's own figure for the
        # render processes (its children, waited for) reaches this process.
        import multiprocessing.forkserver

        server = multiprocessing.forkserver._forkserver
        forkserver_mb = rss_mb(server._forkserver_pid)
        server._stop()
        children_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    # Where the warm run's time went (the same steps again, timed one by one).
    clock = time.perf_counter()
    content = collect_playbook(playbook)
    collect_seconds = time.perf_counter() - clock
    clock = time.perf_counter()
    document = build_document(content, paper)
    build_seconds = time.perf_counter() - clock

    # The same final HTML for WeasyPrint alone, with files read from disk.
    media_root = Path(settings.MEDIA_ROOT)
    html = re.sub(
        r'(src|href)="/media/([^"]+)"',
        lambda m: f'{m.group(1)}="{(media_root / m.group(2)).as_uri()}"',
        document.html,
    )
    css = Path(finders.find("exports/print.css")).as_uri()
    html = html.replace('href="/static/exports/print.css"', f'href="{css}"')
    html_path = workdir / f"final-{paper}.html"
    html_path.write_text(html, encoding="utf-8")
    return {
        "pages": export.page_count,
        "size": export.file_size,
        "cold_seconds": runs["cold"],
        "seconds": min(runs["warm"], runs["warm2"]),
        "cpu_seconds": min(cpu["warm"], cpu["warm2"]),
        "render_seconds": export.render_seconds,
        "collect_seconds": collect_seconds,
        "build_seconds": build_seconds,
        "html": str(html_path),
        "options": json.dumps(WEASYPRINT_OPTIONS),
        # The render's peak: the render process's when it had one, else this one's.
        "peak_mb": render_peak if in_child else own_peak,
        "own_peak_mb": own_peak,
        "children_peak_mb": children_peak_mb,
        "forkserver_mb": forkserver_mb,
        "in_child": in_child,
        "base_mb": base_mb,
    }


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def child_personal(workdir, playbook_id, paper):
    """A personal PDF of one challenge through the API: first request, then cached."""
    setup_django(workdir)
    import statistics

    from django.test import Client
    from django.test.utils import override_settings

    from content.rules import ReaderScope
    from content.store import rebuild_site
    from exports.content import selectable_challenges
    from playbook_pages.models import PlaybookPage

    playbook = PlaybookPage.objects.get(pk=playbook_id)
    rebuild_site(ReaderScope.for_site(playbook.get_site()))
    slug = selectable_challenges(playbook)[0]["slug"]
    url = f"/api/v1/playbooks/{playbook.slug}/pdf/?challenges={slug}&paper={paper}"
    client = Client()
    # The immediate backend renders in the request: the first answer is the PDF.
    with override_settings(TASKS=tasks_setting("django_tasks.backends.immediate.ImmediateBackend")):
        started = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content)
        cold = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        cached = []
        for _ in range(30):
            started = time.perf_counter()
            again = client.get(url)
            assert again.status_code == 200 and b"".join(again.streaming_content) == body
            cached.append(time.perf_counter() - started)
        # A new selection once the pictures' renditions exist (the usual cold case):
        # the same challenge on the other paper size.
        other = "letter" if paper == "a4" else "a4"
        started = time.perf_counter()
        response_other = client.get(url.replace(f"paper={paper}", f"paper={other}"))
        b"".join(response_other.streaming_content)
        warm_cold = time.perf_counter() - started
    return {
        "cold_seconds": cold,
        "cold_warm_renditions_seconds": warm_cold,
        "cached_ms": statistics.median(cached) * 1000,
        "cached_p90_ms": sorted(cached)[int(len(cached) * 0.9)] * 1000,
        "pages": int(response["X-PDF-Pages"]),
    }


def demo_env(workdir, debounce):
    """The demo's settings (dev, database task queue) on the benchmark's own files."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "CACHE_DIR": str(workdir / "cache"),
        "TASKS_BACKEND": "database",
        "LOG_LEVEL": "WARNING",
        "WAGTAIL_ENABLE_UPDATE_CHECK": "0",
    }
    if debounce is not None:
        env["PLAYBOOK_PDF_DEBOUNCE_SECONDS"] = str(debounce)
    return env


def child_publish(workdir, paper_unused=None):
    """The demo, its workers as ``make run`` starts them, one publish, until the new PDF.

    Runs with ``demo_env`` (the settings ``make run`` uses). The playbook's PDFs are
    made once first; then the two task workers of ``scripts/run_demo.sh`` (default
    queue, polling every second; content queue every 0.2 s) start, a tool's title is
    changed and published as an editor would, and the clock runs until the served
    PDF is a new file. The parts come from the task queue's own timestamps.
    """
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from exports.models import PlaybookExport
    from exports.services import export_playbook, outputs_for
    from playbook_pages.models import PlaybookPage, ToolPage

    call_command("load_demo_content", verbosity=0)
    playbook = PlaybookPage.objects.live().first()
    for edition, paper in outputs_for(playbook):
        export_playbook(playbook, paper, edition=edition, force=True)
    DBTaskResult.objects.all().delete()  # what loading queued is done above
    served = PlaybookExport.objects.get(
        playbook=playbook, paper=playbook.pdf_paper_size, edition="screen"
    )
    workers = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                queue,
                "--interval",
                interval,
                "--no-reload",
                "--no-startup-delay",
            ],
            cwd=ROOT,
            env=os.environ,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for queue, interval in (("default", "1"), ("content", "0.2"))
    ]
    try:
        time.sleep(3)  # the workers are up (Django set up) before the clock starts
        tool = ToolPage.objects.live().descendant_of(playbook).first()
        tool.title = tool.title + " (revised)"
        published_at = timezone.now()
        started = time.perf_counter()
        tool.save_revision().publish()
        new_file = None
        while time.perf_counter() - started < 300:
            served.refresh_from_db()
            if served.file_name and served.renders > 1 and served.status == "ready":
                new_file = time.perf_counter() - started
                break
            time.sleep(0.1)
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=30)
    if new_file is None:
        raise SystemExit("no new PDF within 300 s of the publish")
    task = (
        DBTaskResult.objects.filter(task_path="exports.tasks.export_playbook_task")
        .filter(args_kwargs__args__0=playbook.pk)
        .order_by("-finished_at")
        .first()
    )
    seconds = lambda a, b: (b - a).total_seconds()  # noqa: E731
    return {
        "pages": served.page_count,
        "debounce_setting": settings.PLAYBOOK_PDF_DEBOUNCE_SECONDS,
        "publish_to_pdf": new_file,
        "publish_to_queued": seconds(published_at, task.enqueued_at),
        "debounce": seconds(task.enqueued_at, task.run_after),
        "pickup": seconds(task.run_after, task.started_at),
        "task": seconds(task.started_at, task.finished_at),
        "render": served.render_seconds,
    }


def child_weasyprint(html_path, options_json):
    # No Django here: only WeasyPrint, with the options the export used.
    from weasyprint import HTML

    base_mb = peak_mb()
    options = json.loads(options_json)
    walls, cpus = [], []
    for _ in range(2):
        started, started_cpu = time.perf_counter(), time.process_time()
        with tempfile.TemporaryFile() as target:
            document = HTML(filename=html_path).render(**options)
            document.write_pdf(target, **options)
            pages = len(document.pages)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - started_cpu)
        del document
    return {
        "seconds": min(walls),
        "cpu_seconds": min(cpus),
        "pages": pages,
        "peak_mb": peak_mb(),
        "base_mb": base_mb,
    }


def run_child(*args, env=None):
    completed = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, __file__, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"child {args[:2]} failed")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def migrate_template(template_dir):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{template_dir / 'bench.sqlite3'}",
        "TEST_MEDIA_ROOT": str(template_dir / "media"),
    }
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


PERSONAL_COLD_GOAL = 5.0  # seconds
PERSONAL_CACHED_GOAL = 50.0  # milliseconds
PUBLISH_GOAL = 15.0  # seconds, the last publish -> new PDF on the demo


def personal_figures(base, template, tools, paper):
    """Print and return the personal PDF figures on a playbook with ``tools`` tools."""
    workdir = base / f"personal-{tools}"
    shutil.copytree(template, workdir)
    built = run_child("build", workdir, tools)
    result = run_child("personal", workdir, built["playbook"], paper)
    print(
        f"Personal PDF, one challenge of {tools} tools ({result['pages']} pages): "
        f"cold {result['cold_seconds']:.2f} s with renditions made, "
        f"{result['cold_warm_renditions_seconds']:.2f} s once they exist "
        f"(goal <= {PERSONAL_COLD_GOAL:.0f} s: "
        + ("met" if result["cold_warm_renditions_seconds"] <= PERSONAL_COLD_GOAL else "NOT met")
        + f"), cached median {result['cached_ms']:.1f} ms, p90 {result['cached_p90_ms']:.1f} ms "
        f"(goal <= {PERSONAL_CACHED_GOAL:.0f} ms: "
        + ("met" if result["cached_ms"] <= PERSONAL_CACHED_GOAL else "NOT met")
        + ")",
        flush=True,
    )
    return result


def publish_figures(base, template, debounce):
    """Print and return the demo's publish -> new PDF figures (``child_publish``)."""
    workdir = base / "demo"
    shutil.copytree(template, workdir)
    result = run_child("publish", workdir, env=demo_env(workdir, debounce))
    print(
        f"Publish -> new PDF on the demo ({result['pages']} pages): "
        f"{result['publish_to_pdf']:.1f} s (goal <= {PUBLISH_GOAL:.0f} s: "
        + ("met" if result["publish_to_pdf"] <= PUBLISH_GOAL else "NOT met")
        + f"); of which rebuild until queued {result['publish_to_queued']:.1f} s, "
        f"debounce window {result['debounce']:.1f} s "
        f"(PLAYBOOK_PDF_DEBOUNCE_SECONDS={result['debounce_setting']}), worker pickup "
        f"{result['pickup']:.1f} s, export task {result['task']:.1f} s "
        f"(render {result['render']:.1f} s)",
        flush=True,
    )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--paper", choices=["a4", "letter"], default="a4")
    parser.add_argument("--keep", action="store_true", help="Keep the work folder.")
    parser.add_argument(
        "--personal-only",
        action="store_true",
        help="Only the personal PDF figures (on the smallest size).",
    )
    parser.add_argument(
        "--publish-only",
        action="store_true",
        help="Only the demo's publish -> new PDF figures.",
    )
    parser.add_argument(
        "--debounce",
        type=float,
        default=None,
        help="PLAYBOOK_PDF_DEBOUNCE_SECONDS for the publish figures (default: the setting's).",
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="Render the sizes' exports in the Django process (PLAYBOOK_PDF_RENDER_IN_CHILD=0).",
    )
    args = parser.parse_args()
    export_env = {**os.environ, "PLAYBOOK_PDF_RENDER_IN_CHILD": "0" if args.in_process else "1"}

    base = Path(tempfile.mkdtemp(prefix="pdf-benchmark-"))
    template = base / "template"
    template.mkdir()
    print(f"Migrating a template database in {base} ...", flush=True)
    migrate_template(template)

    if not args.personal_only:
        publish_figures(base, template, args.debounce)
    if args.publish_only:
        shutil.rmtree(base, ignore_errors=True)
        return
    personal_figures(base, template, min(args.sizes), args.paper)
    if args.personal_only:
        shutil.rmtree(base, ignore_errors=True)
        return

    rows = []
    header = (
        f"{'tools':>5} {'pages':>5} {'ours s':>7} {'cpu s':>6} {'cold s':>7} {'peak MB':>7} "
        f"{'s/page':>6} | {'WP s':>6} {'cpu s':>6} {'WP MB':>6} | {'ratio':>5} {'wall':>5} "
        f"| {'collect':>7} {'html':>5}"
    )
    print(header)
    for tools in args.sizes:
        workdir = base / f"tools-{tools}"
        shutil.copytree(template, workdir)
        built = run_child("build", workdir, tools)
        ours = run_child("export", workdir, built["playbook"], args.paper, env=export_env)
        alone = run_child("weasyprint", ours["html"], ours["options"])
        row = {"tools": tools, **ours, "weasyprint": alone, "build": built["build_seconds"]}
        # CPU time is the headline: other processes on a shared machine stretch wall
        # time of either side at random; wall time is shown beside it.
        row["ratio"] = ours["cpu_seconds"] / alone["cpu_seconds"]
        row["wall_ratio"] = ours["seconds"] / alone["seconds"]
        row["per_page"] = ours["cpu_seconds"] / ours["pages"]
        row["memory_ratio"] = ours["peak_mb"] / alone["peak_mb"]
        # What the render adds above each process's loaded baseline (Django, Wagtail
        # and the project, or the fork server's WeasyPrint and pikepdf, vs the bare
        # WeasyPrint import): the part our code decides.
        start_mb = ours["forkserver_mb"] if ours["in_child"] else ours["base_mb"]
        row["added_ratio"] = (ours["peak_mb"] - start_mb) / (alone["peak_mb"] - alone["base_mb"])
        rows.append(row)
        print(
            f"{tools:>5} {ours['pages']:>5} {ours['seconds']:>7.2f} {ours['cpu_seconds']:>6.2f} "
            f"{ours['cold_seconds']:>7.2f} {ours['peak_mb']:>7.0f} {row['per_page']:>6.3f} | "
            f"{alone['seconds']:>6.2f} {alone['cpu_seconds']:>6.2f} {alone['peak_mb']:>6.0f} | "
            f"{row['ratio']:>5.2f} {row['wall_ratio']:>5.2f} | {ours['collect_seconds']:>7.2f} "
            f"{ours['build_seconds']:>5.2f}",
            flush=True,
        )
        if ours["in_child"]:
            print(
                f"      memory: render process peak {ours['peak_mb']:.0f} MB vs "
                f"{alone['peak_mb']:.0f} MB (x{row['memory_ratio']:.2f}; RUSAGE_CHILDREN "
                f"{ours['children_peak_mb']:.0f} MB, see README); fork server "
                f"{ours['forkserver_mb']:.0f} vs WeasyPrint imported {alone['base_mb']:.0f} MB; "
                f"added by the render {ours['peak_mb'] - start_mb:.0f} vs "
                f"{alone['peak_mb'] - alone['base_mb']:.0f} MB (x{row['added_ratio']:.2f}); "
                f"Django process loaded {ours['base_mb']:.0f}, peak {ours['own_peak_mb']:.0f} "
                f"MB; both peaks together {ours['own_peak_mb'] + ours['peak_mb']:.0f} MB",
                flush=True,
            )
        else:
            print(
                f"      memory (in process): peak {ours['peak_mb']:.0f} MB vs "
                f"{alone['peak_mb']:.0f} MB (x{row['memory_ratio']:.2f}); loaded process "
                f"before rendering {ours['base_mb']:.0f} vs {alone['base_mb']:.0f} MB; added "
                f"by the work {ours['peak_mb'] - ours['base_mb']:.0f} vs "
                f"{alone['peak_mb'] - alone['base_mb']:.0f} MB (x{row['added_ratio']:.2f})",
                flush=True,
            )
        if alone["pages"] != ours["pages"]:
            print(f"      note: WeasyPrint alone made {alone['pages']} pages")

    worst = max(rows, key=lambda row: row["ratio"])
    per_page = [row["per_page"] for row in rows]
    spread = max(per_page) / min(per_page)
    print()
    print(
        f"Overhead over WeasyPrint alone (CPU): worst {worst['ratio'] - 1:+.1%} at "
        f"{worst['tools']} tools (target <= {TARGET_OVERHEAD - 1:.0%}): "
        + ("met" if worst["ratio"] <= TARGET_OVERHEAD else "NOT met")
    )
    heaviest = max(rows, key=lambda row: row["memory_ratio"])
    print(
        f"Peak memory over WeasyPrint alone: worst x{heaviest['memory_ratio']:.2f} at "
        f"{heaviest['tools']} tools (target <= x{TARGET_MEMORY}): "
        + ("met" if heaviest["memory_ratio"] <= TARGET_MEMORY else "NOT met")
        + f"; added above the loaded process x{heaviest['added_ratio']:.2f}"
    )
    print(
        f"CPU seconds per page from {min(per_page):.3f} to {max(per_page):.3f} "
        f"(spread x{spread:.2f}, linear if <= x{LINEAR_TOLERANCE}): "
        + ("linear" if spread <= LINEAR_TOLERANCE else "NOT linear")
    )
    (base / "results.json").write_text(json.dumps(rows, indent=2))
    if args.keep:
        print(f"Work folder kept: {base}")
    else:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in STEPS:
        step, rest = sys.argv[1], sys.argv[2:]
        if step == "build":
            result = child_build(Path(rest[0]), int(rest[1]))
        elif step == "export":
            result = child_export(Path(rest[0]), int(rest[1]), rest[2])
        elif step == "publish":
            result = child_publish(Path(rest[0]))
        elif step == "personal":
            result = child_personal(Path(rest[0]), int(rest[1]), rest[2])
        else:
            result = child_weasyprint(rest[0], rest[1])
        print(json.dumps(result))
    else:
        main()
