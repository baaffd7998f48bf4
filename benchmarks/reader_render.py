"""How fast the reader draws each main screen in Chromium, against its own API calls.

Usage (a server with content must be running, e.g. ``make run``)::

    .venv/bin/python benchmarks/reader_render.py --base-url http://127.0.0.1:8000 [--runs 5]

For each screen it opens a fresh tab at the deep link and measures, from the
browser's own timing: the time until the reader has drawn the screen (the
``reader:rendered`` event), the time spent in the API requests that screen made
(the reference: what any frontend has to wait for), when the reader's code had
arrived, what the reader itself adds once code and data are there ("render"), how
many API requests it made, and the bytes of its code. Medians over the runs, warm
caches (one unmeasured run first). All times from the start of navigation.
"""

from __future__ import annotations

import argparse
import statistics
import urllib.request

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

MEASURE = """
() => new Promise((resolve) => {
  const done = () => {
    const drawn = performance.now();
    const api = performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/v1/"));
    const code = performance.getEntriesByType("resource")
      .filter((e) => /\\/static\\/reader\\/.*\\.(js|css)$/.test(e.name));
    // API time = the span during which at least one API request was in flight.
    const spans = api.map((e) => [e.startTime, e.responseEnd]).sort((a, b) => a[0] - b[0]);
    let busy = 0, end = 0;
    for (const [s, e] of spans) { if (e > end) { busy += e - Math.max(s, end); end = e; } }
    const lastEnd = (entries) => Math.max(0, ...entries.map((e) => e.responseEnd));
    resolve({
      drawn,
      api: busy,
      codeLoaded: lastEnd(code),
      // What the reader itself adds after its code and its data have arrived.
      render: drawn - Math.max(lastEnd(code), lastEnd(api)),
      requests: api.length,
      codeBytes: code.reduce((n, e) => n + (e.transferSize || e.encodedBodySize || 0), 0),
    });
  };
  if (document.querySelector("main:not([aria-busy]) h1")) done();
  else document.addEventListener("reader:rendered", done, { once: true });
})
"""


def discover_paths(base_url: str) -> list[tuple[str, str]]:
    """A playbook, a challenge, a tool, the publications list and a search, from the API."""
    import json

    def get(path):
        with urllib.request.urlopen(base_url + path, timeout=30) as response:  # noqa: S310
            return json.load(response)

    home = get("/api/v1/pages/?path=/")
    playbook_ref = next(item for item in home["sections"] if item["type"] == "playbook")
    playbook = get(f"/api/v1/playbooks/{playbook_ref['slug']}/")
    challenge = playbook["challenges"][0]
    challenge_detail = get(f"/api/v1/pages/?path={challenge['path']}")
    tool = challenge_detail["solutions"]["tools"][0]["page"]
    paths = [
        ("home", "/"),
        ("playbook", playbook["path"]),
        ("challenge", challenge["path"]),
        ("tool", tool["path"]),
    ]
    alliance = next((item for item in home["sections"] if item["type"] == "alliance"), None)
    if alliance:
        detail = get(f"/api/v1/pages/?path={alliance['path']}")
        index = next((n for n in detail["navigation"] if n["type"] == "publication_index"), None)
        if index:
            paths.append(("publications", index["path"]))
    paths.append(("search", "/search/?q=learning"))
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    options = parser.parse_args()
    base = options.base_url.rstrip("/")
    paths = discover_paths(base)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=options.chromium, headless=True, args=ARGS
        )
        print(f"Reader render times at {base}, median of {options.runs} runs (warm)")
        print(
            f"{'screen':<14}{'drawn ms':>10}{'code ms':>10}{'API ms':>10}"
            f"{'render ms':>11}{'API calls':>11}"
        )
        code_bytes = 0
        for name, path in paths:
            samples = []
            for run in range(options.runs + 1):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(base + path)
                result = page.evaluate(MEASURE)
                context.close()
                if run:  # the first run only warms the server's and the API's caches
                    samples.append(result)
                code_bytes = max(code_bytes, result["codeBytes"])

            def median(key, samples=samples):
                return statistics.median(sample[key] for sample in samples)

            print(
                f"{name:<14}{median('drawn'):>10.0f}{median('codeLoaded'):>10.0f}"
                f"{median('api'):>10.0f}{median('render'):>11.0f}{median('requests'):>11.0f}"
            )
        browser.close()
    print(f"Reader code (JS + CSS, as transferred): {code_bytes / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
