"""One publication rule: every place that decides "published" agrees with Claim.is_published."""
import datetime

import pytest
from django.utils import timezone

from articles.models import Article, Claim, ClaimFamily, Person
from articles.publishing.rule import is_published
from articles.publishing.selectors import published_checks
from articles.selectors import claimreview, desk, record
from articles.services import families

STATES = [("new", ""), ("in_review", "false"), ("checked", ""), ("checked", "mostly_true")]


@pytest.fixture
def claims(db):
    art = Article.objects.create(source_file="a.txt", title="A", published=datetime.date(2020, 1, 2), body="x" * 400)
    speaker = Person.objects.create(name="Ann Lee", key="ann lee")
    family = ClaimFamily.objects.create()
    out = []
    for n, (status, verdict) in enumerate(STATES):
        out.append(Claim.objects.create(article=art, key=f"k{n}", text=f"Claim {n}.", start=n, end=n + 1,
                                        status=status, verdict=verdict, speaker=speaker, family=family,
                                        reviewed_at=timezone.now() if status == "checked" else None))
    return out


def test_every_place_agrees_with_the_rule(claims):
    published = [c for c in claims if c.is_published]
    assert [(c.status, c.verdict) for c in published] == [("checked", "mostly_true")]
    assert all(c.is_published == is_published(c.status, c.verdict) == claimreview.is_checked(c) for c in claims)
    assert list(published_checks()) == published
    assert list(desk.recently_checked()) == published
    rec = record.speaker_record(claims[0].speaker)
    assert (rec["checked"], rec["unchecked"]) == (1, 3)
    assert [c["id"] for c in rec["checked_claims"]] == [published[0].pk]
    # A checked appearance without a verdict is no check to take a verdict from, nor a repeated check.
    assert families.checked_appearance(claims[0]) == published[0]
    assert families.checked_appearance(published[0]) is None
    assert set(desk.repeated_checked()) == {claims[0], claims[1]}  # not checked here, published there


def test_a_check_without_a_verdict_is_not_repeated(claims):
    Claim.objects.filter(pk=claims[3].pk).update(verdict="")
    assert not published_checks().exists()
    assert families.checked_appearance(claims[0]) is None
    assert not desk.repeated_checked().exists()
