"""Python function calls per listed claim in the API's claims list, counted exactly with cProfile:
(calls for a page of 200 - calls for a page of 10) / 190, on the development articles imported into
a fresh SQLite database (or DATABASE_URL). Also the queries per page.

    python benchmarks/api_calls.py [--articles DIR]
"""
import argparse
import cProfile
import os
import pstats
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


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
    dev = ROOT.parent / "shared" / "polnear-dev" / "articles"
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=Path, default=dev if dev.is_dir() else ROOT / "seeds")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="claimsdb-calls-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/calls.sqlite3")
    os.environ.update(DEBUG="0", SECRET_KEY="bench" * 10, CLAIMSDB_NO_DOTENV="1", ALLOWED_HOSTS="testserver",
                      SECURE_SSL_REDIRECT="0", DJANGO_SETTINGS_MODULE="claimsdb.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    try:
        call_command("import_seeds", str(a.articles), verbosity=0)
    except SystemExit:
        pass
    client = Client()
    for name, path in (("claims", "/api/v1/claims/"), ("statistics", "/api/v1/statistics/"),
                       ("articles", "/api/v1/articles/")):
        c10, q10 = calls(client, f"{path}?page_size=10")
        c200, q200 = calls(client, f"{path}?page_size=200")
        print(f"{name}: {(c200 - c10) / 190:,.0f} Python calls per listed row; queries {q10} (page of 10) "
              f"and {q200} (page of 200)")


if __name__ == "__main__":
    main()
