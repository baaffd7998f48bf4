"""Content API benchmark: ours (/api/v1/) against stock Wagtail API v2 and v3, in one run.

    .venv/bin/python benchmarks/api_benchmark.py
    .venv/bin/python benchmarks/api_benchmark.py --runs 50 --tools 400
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/api_bench \\
        .venv/bin/python benchmarks/api_benchmark.py            # on PostgreSQL
    .venv/bin/python benchmarks/api_benchmark.py --redis redis://127.0.0.1:6379/15
    .venv/bin/python benchmarks/api_benchmark.py --profile "playbook detail"

It builds a throwaway database (a new SQLite file in a temporary folder, or the
PostgreSQL database named by BENCH_DATABASE_URL, whose tables it drops: never point it
at data you keep; db.sqlite3 of the demo is never touched), seeds a large synthetic
playbook (4 challenges with 20 solutions each, 200 tools, 100 case studies, 40
resources, 10 alliance publications; images, templates, rich text with links) and
runs with ``benchmarks.settings``: stock Wagtail API v2 (``PagesAPIViewSet``) at
/api/v2/ and stock API v3 (``wagtail.api.v3``) at /api/v3/, both mounted by the
benchmark's own urlconf, both given ``api_fields`` for every content field
(``benchmarks.stock_apis``).

For six requests (playbook detail, challenge detail with 20 solutions, tool detail,
tool list of 10 and of 50, search) it measures in-process (Django test client, no
network) the median latency and the SQL queries of: ours (answered from the stored
representations, which it writes first, timed), v2 and v3, all three with the
configured cache (Django's local memory by default: Wagtail keeps its site root
paths there, ours its site look-up; no response cache anywhere). Each is measured
right after an unmeasured request of its own kind, the
variants interleaved round by round. All share one database connection and its
settings. It
prints the table, the speed-ups (v2 ms / ours ms, v3 ms / ours ms), the queries by
page size, and the targets of issue 11 as PASS/FAIL lines: each detail at least 10x
faster than v2 and than v3 in at most 2 queries; the tool list of 50 and search at
least 20x faster than both in at most 3 queries, the same for 10 and 50 items.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL = "playbook_pages.ToolPage"
DETAILS = ("playbook detail", "challenge, 20 solutions", "tool detail")
LISTS = ("tool list, 50", "search")
REQUEST_NAMES = (*DETAILS, "tool list, 10", *LISTS)
DETAIL_SPEEDUP, DETAIL_QUERIES = 10.0, 2
LIST_SPEEDUP, LIST_QUERIES = 20.0, 3
SEARCH = "learning"


def setup_django(workdir: Path, redis_url: str | None):
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir / 'api-bench.sqlite3'}"
    )
    os.environ["TEST_MEDIA_ROOT"] = str(workdir / "media")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    assert "db.sqlite3" not in str(settings.DATABASES["default"]["NAME"]).split("/")[-1:]
    if redis_url:
        override_settings(
            CACHES={
                "default": {
                    "BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": redis_url,
                    "KEY_PREFIX": "api-benchmark",
                }
            }
        ).enable()


def ours_settings():
    """Ours as a deployment without a cache server runs it: answers from the stored
    representations, and the same local-memory cache v2 and v3 get (the site look-up)."""
    return nullcontext()


def prepare_database():
    from django.conf import settings
    from django.core.management import call_command

    database = settings.DATABASES["default"]
    prepared = database.get("OPTIONS", {}).get("prepare_threshold")
    note = f"; prepared statements after {prepared} runs" if prepared is not None else ""
    print(f"Database: {database['NAME']}{note} (all APIs share it)", flush=True)
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # Start from nothing: a flush would also delete what Wagtail's data
        # migrations made (the root page, the default locale and site).
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0, interactive=False)


def seed(tools: int, case_studies: int):
    import wagtail_factories
    from django.db import transaction
    from wagtail.models import Page, Site

    from playbook_pages.models import ChallengeSolution, ToolTemplate
    from tests import factories

    def image(title):
        return wagtail_factories.ImageFactory(title=title, file__width=800, file__height=600)

    def link(page, text):
        return f'<a linktype="page" id="{page.pk}">{text}</a>'

    started = time.perf_counter()
    with transaction.atomic():
        home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="hub")
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()
        organisations = [factories.OrganisationFactory(name=f"Partner {n}") for n in range(12)]
        themes = [factories.ThemeFactory(name=f"Theme {n}") for n in range(8)]
        pictures = [image(f"Picture {n}") for n in range(12)]
        documents = [factories.DocumentFactory(title=f"Template {n}") for n in range(6)]
        playbook = factories.PlaybookPageFactory(
            parent=home,
            slug="dynamic-learning",
            title="Dynamic learning playbook",
            cover_image=pictures[0],
            publisher=organisations[0],
            intro="<p>Learning on purpose: four building blocks and their challenges.</p>",
            how_to_use=[
                ("step", {"title": name, "description": f"{name} on your team."})
                for name in ("Reflect", "Consider", "Explore", "Apply")
            ],
        )
        playbook.contributors.add(*organisations[:6])
        playbook.save()
        challenges = [
            factories.ChallengePageFactory(parent=playbook, slug=f"challenge-{n}") for n in range(4)
        ]
        tool_index = factories.ToolIndexPageFactory(parent=playbook, slug="tools")
        case_index = factories.CaseStudyIndexPageFactory(parent=playbook, slug="case-studies")
        resource_index = factories.ResourceIndexPageFactory(parent=playbook, slug="resources")
        tool_pages = []
        for n in range(tools):
            tool = factories.ToolPageFactory(
                parent=tool_index,
                slug=f"tool-{n}",
                title=f"Learning tool {n}",
                summary="A practical tool for learning with partners.",
                source_organisation=organisations[n % 12],
                tool_type=["template", "worksheet", "framework", "checklist"][n % 4],
                introduction=f"<p>Use it with {link(challenges[n % 4], 'the challenge')}.</p>",
                how_to=[
                    (
                        "step",
                        {
                            "title": f"Step {step}",
                            "instructions": "<p>Gather the team and agree the questions.</p>",
                            "duration": "20 minutes",
                            "tip": "",
                        },
                    )
                    for step in range(4)
                ]
                + [
                    (
                        "image",
                        {"image": pictures[n % 12], "alt_text": "", "caption": "", "credit": ""},
                    )
                ],
            )
            tool.themes.add(themes[n % 8], themes[(n + 3) % 8])
            tool.tags.add("learning", f"tag-{n % 10}")
            tool.save()
            ToolTemplate.objects.create(
                tool=tool, document=documents[n % 6], description="Adapt it."
            )
            tool_pages.append(tool)
        case_pages = []
        for n in range(case_studies):
            case = factories.CaseStudyPageFactory(
                parent=case_index,
                slug=f"case-{n}",
                title=f"Case study {n}",
                summary="How a partner kept a learning agenda.",
                organisation=organisations[n % 12],
                image=pictures[n % 12],
                situation=f"<p>They started from {link(tool_pages[n], 'a tool')}.</p>",
            )
            case.tools_used.add(tool_pages[n], tool_pages[n + 1])
            case.save()
            case_pages.append(case)
        resources = [
            factories.ExternalResourcePageFactory(parent=resource_index, slug=f"resource-{n}")
            for n in range(40)
        ]
        alliance = factories.AlliancePageFactory(parent=home, slug="alliance")
        publication_index = factories.PublicationIndexPageFactory(parent=alliance, slug="pubs")
        publications = [
            factories.AlliancePublicationPageFactory(
                parent=publication_index, slug=f"publication-{n}", cover_image=pictures[n]
            )
            for n in range(10)
        ]
        for number, challenge in enumerate(challenges):
            solutions = (
                tool_pages[number * 8 : number * 8 + 8]
                + case_pages[number * 6 : number * 6 + 6]
                + resources[number * 3 : number * 3 + 3]
                + publications[number * 2 : number * 2 + 3]
            )
            for position, page in enumerate(solutions[:20]):
                ChallengeSolution.objects.create(
                    challenge=challenge, page=page, sort_order=position, note="Why it helps."
                )
    print(
        f"Seeded {Page.objects.count()} pages in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return playbook, challenges[0], tool_pages[7]


def timed_get(client, url):
    """(milliseconds, SQL queries, response) of one GET; counts with an execute wrapper."""
    from django.db import connection

    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return elapsed, count, response


def variants(urls):
    """(name, url, settings) of each variant measured; ``urls`` maps ours/v2/v3 to a URL."""
    return [
        ("ours", urls["ours"], ours_settings),
        ("v2", urls["v2"], nullcontext),
        ("v3", urls["v3"], nullcontext),
    ]


def measure_round_robin(client, urls, runs):
    """Median ms and queries of each variant, interleaved so load spikes hit all alike.

    Each measured request follows an unmeasured one of its own variant: right after
    a stock v2 request, ours took 0.3-1.3 ms more CPU time here (no page faults, no
    garbage collection: caches the bigger request evicted; see README), a cost of
    running several APIs in one process that a deployment of ours never pays.
    """
    samples = {name: [] for name, *_ in variants(urls)}
    queries = {}
    for _ in range(runs):
        for name, url, settings in variants(urls):
            with settings():
                timed_get(client, url)  # the same kind of request just before
                elapsed, queries[name], _ = timed_get(client, url)
                samples[name].append(elapsed)
    return {name: (statistics.median(values), queries[name]) for name, values in samples.items()}


def requests_for(playbook, challenge, tool):
    """URLs of the six requests: ours, stock v2 (every field) and stock v3."""
    v2, v3 = "/api/v2/pages/", "/api/v3/pages/"

    def detail(ours, page):
        return {"ours": ours, "v2": f"{v2}{page.pk}/", "v3": f"{v3}{page.pk}/"}

    def tool_list(size):
        return {
            "ours": f"/api/v1/tools/?page_size={size}",
            "v2": f"{v2}?type={TOOL}&fields=*&limit={size}",
            "v3": f"{v3}?type={TOOL}&limit={size}",
        }

    def search(size=20):
        return {
            "ours": f"/api/v1/search/?q={SEARCH}&page_size={size}",
            "v2": f"{v2}?search={SEARCH}&fields=*&limit={size}",
            "v3": f"{v3}?search={SEARCH}&limit={size}",
        }

    requests = {
        "playbook detail": detail(f"/api/v1/playbooks/{playbook.slug}/", playbook),
        "challenge, 20 solutions": detail(f"/api/v1/challenges/{challenge.slug}/", challenge),
        "tool detail": detail(f"/api/v1/tools/{tool.slug}/", tool),
        "tool list, 10": tool_list(10),
        "tool list, 50": tool_list(50),
        "search": search(),
    }
    assert tuple(requests) == REQUEST_NAMES
    by_size = {"tool list, 50": tool_list, "search": search}
    return requests, by_size


def compare_answers(client, requests):
    """Print what each answers: the details' fields of v2 and v3 (the same ``api_fields``)
    and the items of each list, so that no variant is timed on an empty or short answer."""
    for name, urls in requests.items():
        bodies = {variant: timed_get(client, url)[2].json() for variant, url in urls.items()}
        if name in DETAILS:
            v2, v3 = set(bodies["v2"]), set(bodies["v3"])
            if v2 == v3:
                print(f"  {name}: v2 and v3 answer the same {len(v2)} top-level fields")
            else:
                print(f"  {name}: only in v2 {sorted(v2 - v3)}, only in v3 {sorted(v3 - v2)}")
        else:
            items = {
                variant: body.get("results", body.get("items")) for variant, body in bodies.items()
            }
            fields = {variant: len(found[0]) if found else 0 for variant, found in items.items()}
            print(
                f"  {name}: "
                + ", ".join(
                    f"{variant} {len(items[variant])} items of {fields[variant]} fields"
                    for variant in bodies
                )
            )


def queries_by_size(client, by_size, sizes=(10, 50)):
    """{(request, variant): [queries at each size]} for the lists whose size should not matter."""
    counts = {}
    for name, urls_for in by_size.items():
        for size in sizes:
            for variant, url, settings in variants(urls_for(size)):
                with settings():
                    timed_get(client, url)
                    counts.setdefault((name, variant), []).append(timed_get(client, url)[1])
    return sizes, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="rounds: ours, v2, v3")
    parser.add_argument("--tools", type=int, default=200)
    parser.add_argument("--case-studies", type=int, default=100)
    parser.add_argument("--redis", help="a Redis URL for the configured cache (e.g. db 15)")
    parser.add_argument(
        "--profile",
        choices=REQUEST_NAMES,
        help="afterwards, profile 50 requests of ours (no cache) for one of them with "
        "cProfile and print where the time goes",
    )
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="api-benchmark-") as folder:
        setup_django(Path(folder), options.redis)
        from django.core.cache import cache
        from django.db import connection
        from django.test import Client

        print(f"Load average: {os.getloadavg()[0]:.1f} (2 cores here: read it beside the figures)")
        prepare_database()
        from content import changes, store
        from content.rules import ReaderScope

        with changes.paused():  # stored once below, as a deployment's migrate role does
            playbook, challenge, tool = seed(options.tools, options.case_studies)
        started = time.perf_counter()
        scope = ReaderScope.for_site(playbook.get_site())
        stored = store.rebuild_site(scope)
        print(f"Stored {stored} pages in {time.perf_counter() - started:.1f} s", flush=True)
        if connection.vendor == "postgresql":
            # Planner statistics, as autovacuum keeps them on a live site; without
            # them PostgreSQL guesses one row per table and picks poor plans.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        cache.clear()
        requests, by_size = requests_for(playbook, challenge, tool)
        client = Client()
        compare_answers(client, requests)
        rows = []
        for name, urls in requests.items():
            for _ in range(2):  # warm-up: renditions, content types, site, schemas
                for _variant, url, settings in variants(urls):
                    with settings():
                        timed_get(client, url)
            rows.append((name, measure_round_robin(client, urls, options.runs)))
            print(f"  measured {name}", flush=True)
        sizes, counts = queries_by_size(client, by_size)
        cache_name = "Redis" if options.redis else "local memory"
        report(rows, sizes, counts, connection.vendor, cache_name)
        print(f"Load average: {os.getloadavg()[0]:.1f}")
        if options.profile:
            profile(client, requests[options.profile]["ours"])


def profile(client, url, requests=50):
    """cProfile over requests of ``url`` with no cache: the functions that take the most time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    with ours_settings():
        for _ in range(requests):
            profiler.enable()
            client.get(url)
            profiler.disable()
    print(f"\nProfile of {requests} requests of {url}, no cache (own time, then cumulative):")
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


def report(rows, sizes, counts, vendor, cache_name):
    header = (
        f"{'request':<24} {'ours':>14} {'v2 (fields=*)':>16} {'v3':>14}"
        f" {'v2/ours':>8} {'v3/ours':>8}"
    )
    print(
        f"\n{vendor}: median ms (SQL queries). ours: from the stored representations;"
        f" all three with the {cache_name} cache (no response cache anywhere)."
        f" v2/ours, v3/ours: times faster than v2, v3.\n"
    )
    print(header)
    print("-" * len(header))
    results = dict(rows)
    for name, result in rows:
        (o_ms, o_q), (v2_ms, v2_q), (v3_ms, v3_q) = (result[k] for k in ("ours", "v2", "v3"))
        print(
            f"{name:<24} {o_ms:>8.2f} ({o_q:>3}) {v2_ms:>9.2f} ({v2_q:>3}) {v3_ms:>8.2f}"
            f" ({v3_q:>3}) {v2_ms / o_ms:>7.1f}x {v3_ms / o_ms:>7.1f}x"
        )
    print(f"\nQueries by page size ({' / '.join(map(str, sizes))} items):")
    for (name, variant), values in counts.items():
        print(f"  {name:<16} {variant:<5} {' / '.join(map(str, values))}")

    print("\nTargets (issue 11):")
    met = 0
    for name in DETAILS + LISTS:
        speedup, most = (
            (DETAIL_SPEEDUP, DETAIL_QUERIES)
            if name in DETAILS
            else (
                LIST_SPEEDUP,
                LIST_QUERIES,
            )
        )
        result = results[name]
        ours_ms, ours_q = result["ours"]
        faster = {stock: result[stock][0] / ours_ms for stock in ("v2", "v3")}
        checks = [
            all(value >= speedup for value in faster.values()),
            ours_q <= most,
        ]
        line = (
            f"{name}: {faster['v2']:.1f}x v2, {faster['v3']:.1f}x v3 (>= {speedup:.0f}x);"
            f" {ours_q} queries (<= {most})"
        )
        if name in LISTS:
            by_size = counts[(name, "ours")]
            checks.append(len(set(by_size)) == 1)
            line += f"; {' / '.join(map(str, by_size))} for {' / '.join(map(str, sizes))} items"
        passed = all(checks)
        met += passed
        print(f"  {'PASS' if passed else 'FAIL'}  {line}")
    print(f"  {met} of {len(DETAILS + LISTS)} met")


if __name__ == "__main__":
    main()
