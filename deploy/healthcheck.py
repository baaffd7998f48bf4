"""Docker HEALTHCHECK: exit 0 when ``GET /health/`` on this container answers 200.

Sends the first entry of ALLOWED_HOSTS as the Host header, because Django answers 400
to a Host it does not know, and ``X-Forwarded-Proto: https`` as the proxy would.
Standard library only: the slim image has no curl.
"""

import os
import sys
import urllib.error
import urllib.request


def main():
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = next((h.lstrip(".") for h in hosts if h != "*"), "localhost")
    port = os.environ.get("PORT", "8000")
    request = urllib.request.Request(  # noqa: S310 - a fixed loopback URL
        f"http://127.0.0.1:{port}/health/",
        headers={"Host": host, "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as exc:
        print(f"health: HTTP {exc.code} {exc.read()[:300]!r}", file=sys.stderr)
    except OSError as exc:
        print(f"health: {exc}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
