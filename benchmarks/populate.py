"""Fill a database with N synthetic claims for scale runs, shaped like real imports: articles of
5-50 KB, 20 claims an article by 5,000 speakers, dates over ten years; each claim mentioning people
and organisations, statistics attached to claims, some claims checked with verdicts, evidence and
links between claims.

    DATABASE_URL=... python benchmarks/populate.py --claims 1000000

Rows go in by bulk insert. Skips the work when the database already holds that many claims.
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

from articles.models import (  # noqa: E402
    Article,
    Claim,
    ClaimLink,
    EvidenceLink,
    Organisation,
    Person,
    PersonAlias,
    Statistic,
)

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
    # Bodies of 5 to 50 KB (a few shapes, reused: what matters is the row width, not the words).
    bodies = [" ".join(r.choice(WORDS) for _ in range(size // 7)) for size in range(5_000, 50_001, 5_000)]
    verdicts = ("false", "mostly_false", "mixed", "mostly_true", "true")
    batch = 250
    for b0 in range(start, start + todo, batch):
        with transaction.atomic():
            arts = []
            for i in range(b0, min(b0 + batch, start + todo)):
                body = bodies[i % len(bodies)]
                arts.append(Article(title=f"Bench article {i}", published=date(2015, 1, 1) + timedelta(days=i % 3650),
                                    publisher_id=pubs[i % len(pubs)], body=body,
                                    paragraphs=[{"kind": "paragraph", "start": 0, "end": len(body)}],
                                    source_file=f"bench-{i:08d}.txt", sha256=f"{i:064d}", word_count=len(body.split())))
            Article.objects.bulk_create(arts)
            claims = []
            for a in arts:
                for k in range(per_article):
                    words = " ".join(r.choice(WORDS) for _ in range(10))
                    checked = r.random() < 0.1
                    claims.append(Claim(article_id=a.pk, published=a.published, key=f"b{k}", text=f"“The {words} figures are {k}% up,”",
                                        start=k * 12, end=k * 12 + 10, kind=r.choice(("quote", "reported")),
                                        speaker_id=r.choice(people), speaker_text="said", confidence=round(r.random(), 3),
                                        status="checked" if checked else r.choice(("new", "new", "in_review")),
                                        verdict=r.choice(verdicts) if checked else "",
                                        rationale="Checked against the official figures." if checked else ""))
            Claim.objects.bulk_create(claims, batch_size=5000)
            _relations(claims, people, pubs, r)
        done = Claim.objects.count() if b0 % (batch * 20) == 0 else None
        if done:
            print(f"  {done:,} claims ({time.perf_counter() - t0:.0f}s)", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    print(f"populated {Claim.objects.count():,} claims in {time.perf_counter() - t0:.0f}s")


def _relations(claims, people, pubs, r) -> None:
    """Mentions, statistics, evidence and links of a batch of stored claims."""
    MP, MO = Claim.mentioned_people.through, Claim.mentioned_organisations.through
    stats, mp, mo, ev, links = [], [], [], [], []
    for n, c in enumerate(claims):
        mp.extend(MP(claim_id=c.pk, person_id=p) for p in {r.choice(people) for _ in range(2)})
        mo.append(MO(claim_id=c.pk, organisation_id=r.choice(pubs)))
        if n % 4 == 0:
            stats.append(Statistic(article_id=c.article_id, claim_id=c.pk, key=f"s{n}", value=r.randint(1, 99),
                                   unit="percent", text=f"{n % 97}%", start=c.start, end=c.start + 3))
        if c.status == "checked":
            ev.append(EvidenceLink(claim_id=c.pk, url=f"https://example.org/source/{c.pk}", title="Official figures"))
        if n % 10 == 1:
            links.append(ClaimLink(source_id=c.pk, target_id=claims[n - 1].pk,
                                   relation=r.choice(("supports", "contradicts", "repeats"))))
    for model, rows in ((MP, mp), (MO, mo), (Statistic, stats), (EvidenceLink, ev), (ClaimLink, links)):
        model.objects.bulk_create(rows, batch_size=5000)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--claims", type=int, default=100_000)
    populate(ap.parse_args().claims)
