"""A throwaway HTTP server on 127.0.0.1 (ports 8240-8249) for the archive and webhook tests: the web
tests' server (tests/ingestion/webpages.py): GET answers from ``routes``; each POST is recorded
(path, headers, raw body) and answered with the next status of ``post_status`` (200 once they run out)."""
from __future__ import annotations

from tests.ingestion.webpages import serve as _serve

PORTS = range(8240, 8250)


def serve(routes: dict | None = None, post_status: list[int] | None = None):
    """Yields (base URL, server); ``server.posts`` lists what was POSTed."""
    return _serve(routes or {}, ports=PORTS, post_status=post_status)
