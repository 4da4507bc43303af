"""The claims list, side by side in one run: the DRF API, a minimal hand-written Django view that
returns the same JSON (benchmarks/minimal_view.py), and all the list's SQL run bare.

    DATABASE_URL=... python benchmarks/api_latency.py --claims 1000000

In-process (Django's test client, DEBUG off), so it measures the server's own time. Before timing,
it checks that the minimal view's JSON equals the API's. For the date-range list it prints the
PostgreSQL plan of the page query (EXPLAIN ANALYZE): an index scan, not a walk of the primary key.
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from populate import populate  # noqa: E402  (sets Django up)
from timing import fmt, measure  # noqa: E402

from articles.models import Claim  # noqa: E402

settings.ROOT_URLCONF = "bench_urls"  # the project's URLs plus /bench/claims/


def queries_of(client, url) -> list[str]:
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.content[:200])
    return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--page-size", type=int, default=50)
    a = ap.parse_args()
    populate(a.claims)
    client = Client(HTTP_HOST="localhost")
    speaker = Claim.objects.order_by("-id").values_list("speaker_id", flat=True).first()
    print(f"{Claim.objects.count():,} claims on {connection.vendor}, page_size={a.page_size}, DEBUG={settings.DEBUG}, "
          f"cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]} (API throttling)")
    lists = {
        "speaker": f"speaker={speaker}&page_size={a.page_size}",
        "date range": f"published_after=2019-03-01&published_before=2019-03-31&page_size={a.page_size}",
        "status": f"status=checked&page_size={a.page_size}",
        "unfiltered": f"page_size={a.page_size}",
    }
    print(f"  {'list':11} {'DRF API':>30} | {'minimal view':>30} | {'bare SQL':>30} | API/view  API/SQL")
    for label, params in lists.items():
        api_url, view_url = f"/api/v1/claims/?{params}", f"/bench/claims/?{params}"
        view_json = client.get(view_url).content.decode().replace("/bench/claims/", "/api/v1/claims/")
        same = client.get(api_url).json() == json.loads(view_json)
        sql = queries_of(client, api_url)

        def bare(statements=sql):
            with connection.cursor() as cur:
                for s in statements:
                    cur.execute(s)
                    cur.fetchall()

        api = measure(lambda u=api_url: client.get(u), repeat=a.repeat)
        view = measure(lambda u=view_url: client.get(u), repeat=a.repeat)
        raw = measure(bare, repeat=a.repeat)
        print(f"  {label:11} {fmt(api):>30} | {fmt(view):>30} | {fmt(raw):>30} | "
              f"{api['median_ms'] / view['median_ms']:.2f}x    {api['median_ms'] / raw['median_ms']:.1f}x"
              f"  ({len(sql)} queries{'' if same else '; JSON DIFFERS'})")
        if label == "date range" and connection.vendor == "postgresql":
            page = next(q for q in sql if 'FROM "articles_claim"' in q and "LIMIT" in q)
            with connection.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + page)
                print("    plan of the page query:")
                for (line,) in cur.fetchall():
                    print("      " + line)


if __name__ == "__main__":
    main()
