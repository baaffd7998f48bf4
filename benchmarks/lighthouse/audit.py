"""Lighthouse on the reader's main screens, mobile and desktop, against the quality bars.

    python benchmarks/lighthouse/audit.py http://127.0.0.1:8620 [--search WORD] [--runs N]

Contract: finds a challenge, a tool and the publications folder through the content
API of the site at BASE (so it works on any content, the demo's included), then runs
the Lighthouse CLI pinned in this folder's package-lock.json (12.2.3, installed with
``npm ci`` by run.sh) on home, that challenge, that tool, publications and a search,
with the mobile preset (simulated slow 4G and a 4x slower CPU) and the desktop one.
Prints one table row per screen and form factor: performance, accessibility, best
practices and SEO scores (0-100), CLS, and PASS when every score is at least 95 and
CLS at most 0.1. Exits 1 when any row fails, 2 when Lighthouse cannot run.

Chromium (CHROME_PATH, default /usr/bin/chromium) runs headless with everything that
would reach beyond this machine switched off, and with a resolver that answers no
host name but localhost: Lighthouse audits the one origin it is given. With --runs
above 1 each row is the median run (by performance score), as Lighthouse's own
documentation advises for a noisy machine. JSON reports go to --out.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MIN_SCORE = 95
MAX_CLS = 0.1
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-sync",
    "--disable-extensions",
    "--disable-client-side-phishing-detection",
    "--metrics-recording-only",
    "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication",
    # Nothing but this machine: every other host name fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def api_json(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 - loopback
        return json.load(response)


def first_path(base: str, listing: str) -> str:
    results = api_json(base, f"/api/v1/{listing}/?page_size=1")["results"]
    if not results:
        raise SystemExit(f"the site at {base} has no {listing}: load the demo content first")
    return results[0]["path"]


def screens(base: str, search_word: str) -> list[tuple[str, str]]:
    publication = first_path(base, "publications")
    publications_folder = publication.rstrip("/").rsplit("/", 1)[0] + "/"
    return [
        ("home", "/"),
        ("challenge", first_path(base, "challenges")),
        ("tool", first_path(base, "tools")),
        ("publications", publications_folder),
        ("search", f"/search/?q={quote(search_word)}"),
    ]


RETRIES_ON_TRACE_ERROR = 2


def run_lighthouse(url: str, form_factor: str, report: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        "--max-wait-for-load=30000",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for _ in range(RETRIES_ON_TRACE_ERROR + 1):
        # The command is ours: the pinned CLI and a URL on this machine.
        finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
        # Lighthouse sometimes loses the trace of a load (NO_NAVSTART and kin) and
        # says "Please run Lighthouse again": a fault of the recording, not the page.
        if finished.returncode == 0 or "run Lighthouse again" not in finished.stderr:
            break
    if finished.returncode != 0 or not report.exists():
        raise RuntimeError(
            f"lighthouse failed on {url} ({form_factor}), exit {finished.returncode}:\n"
            + finished.stderr[-2000:]
        )
    return json.loads(report.read_text())


def row_of(result: dict) -> dict:
    if result.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {result['runtimeError'].get('message')}")
    scores = {name: round((result["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    cls = result["audits"]["cumulative-layout-shift"]["numericValue"]
    failing = [
        audit_id
        for name in CATEGORIES
        for ref in result["categories"][name]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"])
        and (result["audits"][audit_id].get("score") is not None)
        and result["audits"][audit_id]["score"] < 0.9
    ]
    return {"scores": scores, "cls": cls, "failing": failing}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the served site, e.g. http://127.0.0.1:8620")
    parser.add_argument("--search", default="leadership", help="the search screen's query")
    parser.add_argument("--runs", type=int, default=1, help="runs per row (median kept)")
    parser.add_argument("--out", type=Path, default=Path("var/lighthouse"), help="reports")
    args = parser.parse_args()
    if urlsplit(args.base).hostname not in {"127.0.0.1", "localhost"}:
        parser.error("Lighthouse audits a site served on this machine only (127.0.0.1)")
    if not LIGHTHOUSE.exists():
        print(f"Lighthouse is not installed at {LIGHTHOUSE}: run npm ci in {HERE}", file=sys.stderr)
        return 2
    base = args.base.rstrip("/")
    args.out.mkdir(parents=True, exist_ok=True)

    header = (
        f"{'screen':<13}{'form':<9}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}{'CLS':>8}  result"
    )
    print(header)
    print("-" * len(header))
    all_pass = True
    for name, path in screens(base, args.search):
        for form_factor in ("mobile", "desktop"):
            rows = []
            for run in range(args.runs):
                report = args.out / f"{name}-{form_factor}-{run + 1}.json"
                try:
                    rows.append(row_of(run_lighthouse(base + path, form_factor, report)))
                except (RuntimeError, subprocess.TimeoutExpired) as error:
                    print(error, file=sys.stderr)
                    return 2
            performance = statistics.median_low([row["scores"]["performance"] for row in rows])
            row = next(row for row in rows if row["scores"]["performance"] == performance)
            scores = row["scores"]
            passed = min(scores.values()) >= MIN_SCORE and row["cls"] <= MAX_CLS
            all_pass &= passed
            print(
                f"{name:<13}{form_factor:<9}"
                + "".join(f"{scores[category]:>6}" for category in CATEGORIES)
                + f"{row['cls']:>8.3f}  {'PASS' if passed else 'FAIL'}"
                + ("" if passed else f"  (below 0.9: {', '.join(row['failing']) or '-'})"),
                flush=True,
            )
    print(
        f"\nBars: every score >= {MIN_SCORE}, CLS <= {MAX_CLS}. Paths: "
        + ", ".join(f"{name} {path}" for name, path in screens(base, args.search))
    )
    print("ALL PASS" if all_pass else "SOME FAIL")
    return 0 if all_pass else 1


if __name__ == "__main__":
    sys.exit(main())
