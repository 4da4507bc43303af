"""The claims the API lists and shows, with every relation its representation needs."""
from __future__ import annotations

from django.db.models import QuerySet

from articles.models import Claim


def claim_list() -> QuerySet:
    return (Claim.objects.select_related("article", "speaker", "organisation", "reviewer")
            .prefetch_related("mentioned_people", "mentioned_organisations", "statistics", "evidence",
                              "links_out", "links_in"))
