"""Server time of the admin's claim changelist (in-process, Django test client) on a large table.

    DATABASE_URL=... python benchmarks/admin_changelist.py --claims 100000

Populates the database first when it holds fewer claims (benchmarks/populate.py).
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from populate import populate  # noqa: E402  (sets Django up)
from timing import fmt, measure  # noqa: E402

from articles.models import Claim  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=15)
    a = ap.parse_args()
    populate(a.claims)
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)  # production settings serve hashed static files
    User = get_user_model()
    user = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser("bench-admin", password="x")
    client = Client()
    client.force_login(user)
    speaker = Claim.objects.order_by("-id").values_list("speaker_id", flat=True).first()
    claim = Claim.objects.order_by("-id").first()
    pages = {
        "unfiltered": "/admin/articles/claim/",
        "status=checked": "/admin/articles/claim/?status__exact=checked",
        "speaker": f"/admin/articles/claim/?speaker={speaker}",
        "year 2018": "/admin/articles/claim/?published__year=2018",
        "search 'inflation'": "/admin/articles/claim/?q=inflation",
        "page 50": "/admin/articles/claim/?p=50",
        "claim change page": f"/admin/articles/claim/{claim.pk}/change/",
    }
    print(f"{Claim.objects.count():,} claims on {connection.vendor}")
    for label, url in pages.items():
        assert client.get(url).status_code == 200, url
        queries = []
        with connection.execute_wrapper(lambda execute, *args, q=queries: q.append(1) or execute(*args)):
            client.get(url)
        t = measure(lambda u=url: client.get(u), repeat=a.repeat)
        print(f"  {label:22} {fmt(t)}, {len(queries)} queries")


if __name__ == "__main__":
    main()
