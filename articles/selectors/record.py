"""A speaker's record: how their checked claims were rated, newest first, and when they were seen."""
from __future__ import annotations

from django.db.models import Count, Max, Min
from django.urls import reverse

from articles.models import Claim, Organisation, Person
from articles.publishing.rule import PUBLISHED
from articles.publishing.selectors import published_checks
from articles.selectors import claimreview


def speaker_record(entity: Person | Organisation, limit: int = 50) -> dict:
    field = "speaker" if isinstance(entity, Person) else "organisation"
    claims = Claim.objects.filter(**{field: entity})
    checked = published_checks().filter(**{field: entity})  # drafts are neither counted nor listed
    by_verdict = dict(checked.values_list("verdict").annotate(n=Count("id")).order_by())
    span = claims.aggregate(first=Min("published"), last=Max("published"), n=Count("id"),
                            open=Count("id", filter=~PUBLISHED))
    latest = (checked.select_related("article").defer("article__body", "article__paragraphs")
              .order_by("-reviewed_at", "-id")[:limit])
    return {
        "id": entity.pk, "name": entity.name,
        "claims": span["n"], "checked": sum(by_verdict.values()), "unchecked": span["open"],
        "verdicts": {value: by_verdict.get(value, 0) for value, _ in Claim.Verdict.choices},
        "first_seen": span["first"].isoformat() if span["first"] else None,
        "last_seen": span["last"].isoformat() if span["last"] else None,
        "checked_claims": [{"id": c.pk, "claim_reviewed": claimreview.wording(c), "verdict": c.verdict,
                            "reviewed_at": c.reviewed_at.isoformat() if c.reviewed_at else None,
                            "article": {"id": c.article_id, "title": c.article.title,
                                        "published": c.article.published.isoformat()},
                            "public_url": reverse("public:detail", args=[c.pk])} for c in latest],
    }
