"""Claim matching through the service on the configured database (PostgreSQL: full-text candidates
from its GIN index join the in-process ones): MAP@5 and latency, like ../shared/tools/match_eval.py
but without HTTP, so it runs against any DATABASE_URL.

    DATABASE_URL=postgresql://... python benchmarks/match_postgres.py [--split dev]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimsdb.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("DEBUG", "1")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared/checkthat-2020-task2")
    ap.add_argument("--split", default="dev")
    a = ap.parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from articles.matching.train import docid, read_split
    from articles.models import FactCheck
    from articles.services import matching

    call_command("migrate", "--noinput", verbosity=0)
    t0 = time.perf_counter()
    call_command("import_factchecks", str(a.data / "factchecks.jsonl"), "--no-match", verbosity=0)
    imported = time.perf_counter() - t0
    queries, rel = read_split(a.data / a.split)
    matching.match_text("warm up the index")
    aps, ms, fts = [], [], []
    for qid, q in queries:
        t = time.perf_counter()
        matching.fulltext_candidates(q)
        fts.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        found = matching.match_text(q, 5)
        ms.append((time.perf_counter() - t) * 1000)
        gold, hits, total = rel.get(qid, set()), 0, 0.0
        for n, m in enumerate(found, 1):
            if docid(m.factcheck.url) in gold:
                hits += 1
                total += hits / n
        aps.append(total / min(len(gold), 5) if gold else 0.0)
    ms.sort()
    fts.sort()
    print(f"database {connection.vendor}: {FactCheck.objects.count()} fact-checks imported in {imported:.1f} s")
    print(f"MAP@5 {sum(aps) / len(aps):.4f} over {len(aps)} queries; match latency median {ms[len(ms) // 2]:.1f} ms, "
          f"p95 {ms[int(len(ms) * 0.95)]:.1f} ms; of which full-text search alone: median {fts[len(fts) // 2]:.1f} ms, "
          f"p95 {fts[int(len(fts) * 0.95)]:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
