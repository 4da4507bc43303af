"""Python function calls per listed claim in the API's claims list, counted exactly with cProfile:
(calls for a page of 200 - calls for a page of 10) / 190, on the development articles imported into
a fresh SQLite database (or DATABASE_URL). Also the queries per page.

    python benchmarks/api_calls.py [--articles DIR]
"""
import argparse
import cProfile
import pstats
from pathlib import Path

import devdb


def calls(client, url) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (content types, url resolvers)
    prof = cProfile.Profile()
    with CaptureQueriesContext(connection) as ctx:
        prof.enable()
        r = client.get(url)
        prof.disable()
    assert r.status_code == 200, r.status_code
    return pstats.Stats(prof).total_calls, len(ctx.captured_queries)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=Path, default=devdb.default_articles())
    a = ap.parse_args()
    devdb.imported(a.articles, DEBUG="0", ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0")
    from django.test import Client

    client = Client()
    for name, path in (("claims", "/api/v1/claims/"), ("statistics", "/api/v1/statistics/"),
                       ("articles", "/api/v1/articles/")):
        c10, q10 = calls(client, f"{path}?page_size=10")
        c200, q200 = calls(client, f"{path}?page_size=200")
        print(f"{name}: {(c200 - c10) / 190:,.0f} Python calls per listed row; queries {q10} (page of 10) "
              f"and {q200} (page of 200)")


if __name__ == "__main__":
    main()
