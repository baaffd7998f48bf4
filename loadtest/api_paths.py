"""Write the read API's URLs, one per line, for the load generator.

Contract: reads the server's own OpenAPI schema (``/api/v1/schema/``), takes every GET
endpoint that needs no query parameter (skipping schema, docs, preview and the PDF),
requests each list, follows its items into detail URLs, and adds filtered and search
queries built from the same data. Loopback only; standard library only.

    python loadtest/api_paths.py http://127.0.0.1:8620 > var/loadtest/paths.txt
"""

import json
import re
import sys
import urllib.parse
import urllib.request

SKIP = re.compile(r"/(schema|docs|preview|pdf)/")
MAX_DETAILS_PER_LIST = 40


def get_json(base, path):
    url = urllib.parse.urljoin(base, path)
    host = urllib.parse.urlsplit(url).hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit(f"refusing a non-loopback URL: {url}")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.load(response)


def items_of(body):
    results = body.get("results", body) if isinstance(body, dict) else body
    return [item for item in results if isinstance(item, dict)] if isinstance(results, list) else []


def main(base):
    schema = get_json(base, "/api/v1/schema/?format=json")
    paths = []
    lists = {}
    for path, operations in sorted(schema["paths"].items()):
        get = operations.get("get")
        if not get or SKIP.search(path) or not path.startswith("/api/v1/"):
            continue
        parameters = get.get("parameters", [])
        required = [p["name"] for p in parameters if p.get("in") == "query" and p.get("required")]
        if "{" not in path and not required:
            paths.append(path)
            lists[path] = items_of(get_json(base, path))
    for path, operations in sorted(schema["paths"].items()):
        match = re.fullmatch(r"(/api/v1/[\w-]+/)\{(\w+)\}/", path)
        if not match or "get" not in operations:
            continue
        collection, parameter = match.groups()
        for item in lists.get(collection, [])[:MAX_DETAILS_PER_LIST]:
            if item.get(parameter) is not None:
                paths.append(f"{collection}{item[parameter]}/")
    # What a frontend also does: resolve paths, search, filter.
    for item in lists.get("/api/v1/tools/", [])[:5]:
        for key in ("frontend_path", "path", "url_path"):
            if isinstance(item.get(key), str) and item[key].startswith("/"):
                paths.append("/api/v1/pages/?" + urllib.parse.urlencode({"path": item[key]}))
                break
    for word in ("learning", "tool", "leadership"):
        paths.append(f"/api/v1/search/?q={word}")
    return paths


if __name__ == "__main__":
    for line in main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8620"):
        print(line)
