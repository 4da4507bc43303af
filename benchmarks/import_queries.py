"""SQL statements per stored article, as import_seeds stores them (one run cache, no test
transaction around it): median, mean and maximum, and whether the count grows with the number of
people and organisations an article names.

    python benchmarks/import_queries.py [--articles DIR] [--database-url URL]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    dev = ROOT.parent / "shared" / "polnear-dev" / "articles"
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=Path, default=dev if dev.is_dir() else ROOT / "seeds")
    ap.add_argument("--database-url", default=None, help="default: a new SQLite file")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="claimsdb-q-")
    os.environ.update(DEBUG="1", SECRET_KEY="bench", DJANGO_SETTINGS_MODULE="claimsdb.settings",
                      DATABASE_URL=a.database_url or f"sqlite:///{tmp}/q.sqlite3")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from articles.entities.selectors import known_people
    from articles.ingestion import persistence, pipeline
    from articles.services import reader

    call_command("migrate", "--noinput", verbosity=0)
    if a.database_url:
        call_command("flush", "--noinput", verbosity=0)  # a server database: store every article anew
    run = persistence.RunCache()
    known = known_people()
    counts: list[tuple[int, int, str]] = []
    statements: list[str] = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    import time

    preps = [p for p in (reader.prepare(path, settings.CLAIMSDB_MAX_SEED_BYTES, known)
                         for path in sorted(a.articles.glob("*.txt"))) if p.extraction is not None]
    storing = 0.0
    for prep in preps:
        path = Path(prep.path)
        statements.clear()
        t0 = time.perf_counter()
        with connection.execute_wrapper(count):
            persistence.store([prep], run)
        storing += time.perf_counter() - t0
        queries = [q for q in statements if not q.startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))]
        counts.append((len(queries), len(prep.extraction.entities), path.name))
    q = [c for c, _, _ in counts]
    print(f"{connection.vendor}: {len(q)} articles stored; SQL queries per article (BEGIN/SAVEPOINT aside): median {statistics.median(q):.0f}, "
          f"mean {statistics.mean(q):.1f}, max {max(q)} ({max(counts)[2]})")
    few = [c for c, e, _ in counts if e <= statistics.median([e for _, e, _ in counts])]
    many = [c for c, e, _ in counts if e > statistics.median([e for _, e, _ in counts])]
    print(f"storing alone (extracted beforehand, one process): {storing:.2f} s, {len(q) / storing:.0f} articles/s")
    print(f"articles naming few entities: median {statistics.median(few):.0f} statements; "
          f"many entities: median {statistics.median(many):.0f}")

    # As import_seeds stores new files: batches of 16 in one transaction (persistence.store).
    call_command("flush", "--noinput", verbosity=0)
    run = persistence.RunCache()
    statements.clear()
    t0 = time.perf_counter()
    with connection.execute_wrapper(count):
        for i in range(0, len(preps), pipeline.BATCH):
            persistence.store(preps[i:i + pipeline.BATCH], run)
    storing = time.perf_counter() - t0
    queries = [q for q in statements if not q.startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))]
    print(f"in batches of {pipeline.BATCH} (as import_seeds stores new files): {len(queries) / len(preps):.1f} statements "
          f"per article, {storing:.2f} s, {len(preps) / storing:.0f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
