"""Fill a database with N synthetic claims (articles, people, organisations, statistics) for scale runs.

    DATABASE_URL=... python benchmarks/populate.py --claims 1000000

Rows go in by bulk insert, 20 claims an article, 5,000 speakers, dates over ten years. Skips the
work when the database already holds that many claims.
"""
import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimsdb.settings")
# Production settings (no query log), minus the HTTPS redirect the in-process client would meet.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,testserver")
os.environ.setdefault("API_ANON_RATE", "100000000/minute")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from articles.models import Article, Claim, Organisation, Person, PersonAlias, Statistic  # noqa: E402

WORDS = ("economy jobs taxes border health schools police housing energy climate trade wages prices rail "
         "hospital nurses budget deficit growth inflation pensions farmers steel coal vote election").split()


def populate(n_claims: int, seed: int = 1) -> None:
    have = Claim.objects.count()
    if have >= n_claims:
        print(f"database already holds {have:,} claims")
        return
    r = random.Random(seed)
    t0 = time.perf_counter()
    n_people, per_article = 5000, 20
    if not Person.objects.filter(key="bench person 0").exists():
        Person.objects.bulk_create([Person(name=f"Bench Person {i}", key=f"bench person {i}") for i in range(n_people)],
                                   batch_size=2000)
        people = list(Person.objects.filter(key__startswith="bench person").values_list("pk", flat=True))
        PersonAlias.objects.bulk_create([PersonAlias(person_id=p, name=f"Speaker {p}", key=f"speaker {p}")
                                         for p in people], batch_size=2000)
        Organisation.objects.bulk_create([Organisation(name=f"Bench Publisher {i}", key=f"bench publisher {i}",
                                                       kind="news") for i in range(20)])
    people = list(Person.objects.filter(key__startswith="bench person").values_list("pk", flat=True))
    pubs = list(Organisation.objects.filter(key__startswith="bench publisher").values_list("pk", flat=True))
    start = Article.objects.filter(source_file__startswith="bench-").count()
    todo = (n_claims - have + per_article - 1) // per_article
    body = " ".join(r.choice(WORDS) for _ in range(per_article * 12))
    batch = 500
    for b0 in range(start, start + todo, batch):
        with transaction.atomic():
            arts = Article.objects.bulk_create([
                Article(title=f"Bench article {i}", published=date(2015, 1, 1) + timedelta(days=i % 3650),
                        publisher_id=pubs[i % len(pubs)], body=body,
                        paragraphs=[{"kind": "paragraph", "start": 0, "end": len(body)}],
                        source_file=f"bench-{i:08d}.txt", sha256=f"{i:064d}", word_count=len(body.split()))
                for i in range(b0, min(b0 + batch, start + todo))])
            claims, stats = [], []
            for a in arts:
                for k in range(per_article):
                    words = " ".join(r.choice(WORDS) for _ in range(10))
                    claims.append(Claim(article_id=a.pk, published=a.published, key=f"b{k}", text=f"“The {words} figures are {k}% up,”",
                                        start=k * 12, end=k * 12 + 10, kind=r.choice(("quote", "reported")),
                                        speaker_id=r.choice(people), speaker_text="said",
                                        status=r.choice(("new", "new", "new", "in_review", "checked"))))
                stats.append(Statistic(article_id=a.pk, key="s0", value=r.randint(1, 99), unit="percent",
                                       text="a figure", start=0, end=5))
            Claim.objects.bulk_create(claims, batch_size=5000)
            Statistic.objects.bulk_create(stats, batch_size=5000)
        done = Claim.objects.count() if b0 % (batch * 20) == 0 else None
        if done:
            print(f"  {done:,} claims ({time.perf_counter() - t0:.0f}s)", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    print(f"populated {Claim.objects.count():,} claims in {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--claims", type=int, default=100_000)
    populate(ap.parse_args().claims)
