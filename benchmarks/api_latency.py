"""Claims-list latency through the API at scale, against the bare SQL query for the same page.

    DATABASE_URL=... python benchmarks/api_latency.py --claims 1000000

In-process (Django test client), so it measures the server's own time. For each request it also
captures the main SQL query the API ran and times that query alone: the ratio is API time / SQL time.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from populate import populate  # noqa: E402  (sets Django up)
from timing import fmt, measure  # noqa: E402

from articles.models import Claim  # noqa: E402


def main_query(client, url):
    reset_queries()  # a full query log breaks the capture
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    claim_queries = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")
                     and 'FROM "articles_claim"' in q["sql"] and "LIMIT" in q["sql"]]
    return claim_queries[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--page-size", type=int, default=50)
    a = ap.parse_args()
    populate(a.claims)
    client = Client(HTTP_HOST="localhost")
    speaker = Claim.objects.order_by("-id").values_list("speaker_id", flat=True).first()
    n = Claim.objects.count()
    print(f"{n:,} claims on {connection.vendor}, page_size={a.page_size}")
    urls = {
        "speaker": f"/api/v1/claims/?speaker={speaker}&page_size={a.page_size}",
        "date range": f"/api/v1/claims/?published_after=2019-03-01&published_before=2019-03-31&page_size={a.page_size}",
        "speaker name": f"/api/v1/claims/?speaker_name=speaker%20{speaker}&page_size={a.page_size}",
        "unfiltered": f"/api/v1/claims/?page_size={a.page_size}",
    }
    for label, url in urls.items():
        sql = main_query(client, url)
        api = measure(lambda u=url: client.get(u), repeat=a.repeat)

        def bare(s=sql):
            with connection.cursor() as cur:
                cur.execute(s)
                cur.fetchall()

        raw = measure(bare, repeat=a.repeat)
        print(f"  {label:13} API {fmt(api)} | bare SQL {fmt(raw)} | ratio {api['median_ms'] / raw['median_ms']:.1f}x")


if __name__ == "__main__":
    main()
