"""Representation store benchmark: what one edit rebuilds on a large site, and how fast.

    .venv/bin/python benchmarks/store_benchmark.py                 # 5,000 pages, SQLite
    .venv/bin/python benchmarks/store_benchmark.py --tools 1000    # smaller
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/store_bench \\
        .venv/bin/python benchmarks/store_benchmark.py             # on PostgreSQL

It builds a throwaway database (as ``api_benchmark.py`` does: a new SQLite file, or
the PostgreSQL database named by BENCH_DATABASE_URL, whose tables it drops), seeds
the synthetic playbook of ``api_benchmark.seed`` with enough tools and case studies
for about 5,000 pages (store paused while seeding), then prints:

* the full rebuild: pages stored, representations written, seconds;
* one tool's title edited and published: how many pages' representations the
  change rebuilt (goal: at most 50) and how long the rebuild took (goal: 2 s), and
  that ``verify`` finds the store equal to a fresh build afterwards;
* the same for a case study's rich text edit.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_benchmark import prepare_database, seed, setup_django  # noqa: E402

GOAL_PAGES = 50
GOAL_SECONDS = 2.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tools", type=int, default=3400)
    parser.add_argument("--case-studies", type=int, default=1500)
    parser.add_argument("--skip-verify", action="store_true", help="verify takes a full build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="store-bench-") as workdir:
        setup_django(Path(workdir), None)
        prepare_database()
        from django.test.utils import override_settings

        # Builds run in this process, when the benchmark says so.
        with override_settings(CONTENT_REBUILD_ON_READ=False):
            run(args)


def run(args):
    from django.db import transaction
    from wagtail.models import Page, Site

    from content import changes, store
    from content.models import Representation
    from content.rules import ReaderScope

    with changes.paused():
        playbook, challenge, tool = seed(args.tools, args.case_studies)
    scope = ReaderScope.for_site(Site.objects.get(is_default_site=True))
    started = time.perf_counter()
    count = store.rebuild_site(scope)
    full = time.perf_counter() - started
    print(
        f"Full rebuild: {count} pages, {Representation.objects.count()} representations, "
        f"{full:.1f} s ({full / count * 1000:.1f} ms a page)"
    )

    def edit(label, page, **fields):
        page = page.specific
        for name, value in fields.items():
            setattr(page, name, value)
        with changes.paused(), transaction.atomic():
            page.save_revision().publish()
        started = time.perf_counter()
        rebuilt, stored = changes.rebuild_for(scope, {page.pk})
        seconds = time.perf_counter() - started
        verdict = "met" if len(rebuilt) <= GOAL_PAGES and seconds <= GOAL_SECONDS else "MISSED"
        print(
            f"{label}: {len(rebuilt)} pages rebuilt ({len(stored)} with new bodies) in "
            f"{seconds:.2f} s; goal <= {GOAL_PAGES} pages and <= {GOAL_SECONDS} s: {verdict}"
        )

    edit("One tool's title edited", tool, title="A renamed learning tool")
    case = Page.objects.type(Page).filter(slug="case-3").first()
    edit("One case study's text edited", case, situation="<p>They began again.</p>")
    if not args.skip_verify:
        started = time.perf_counter()
        found = store.differences(scope)
        print(
            f"verify: {len(found)} differences ({time.perf_counter() - started:.1f} s)"
            + ("".join(f"\n  {line}" for line in found[:10]))
        )


if __name__ == "__main__":
    main()
