"""The editors' desk: what needs checking, as counts with the claims-list filter each one opens."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from articles.models import Claim, ClaimMatch, ReviewEvent
from articles.services import families

CLAIMS = "/admin/articles/claim/"
# list_display position of the confidence column in the claims list (1-based): ascending order
CONFIDENCE_COLUMN = 4


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    url: str
    hint: str = ""


def figures(user) -> dict[str, list[Figure]]:
    by_status = dict(Claim.objects.values_list("status").annotate(n=Count("id")).order_by())
    open_ = ~Q(status=Claim.Status.CHECKED)
    mine = Claim.objects.filter(open_, assignee=user).count() if user.is_authenticated else 0
    unassigned_new = Claim.objects.filter(status=Claim.Status.NEW, assignee__isnull=True).count()
    matched = Claim.objects.filter(open_).filter(Exists(ClaimMatch.objects.filter(claim=OuterRef("pk")))).count()
    repeated = families.repeated_checked().count()
    return {
        "queue": [
            Figure("Assigned to me", mine, f"{CLAIMS}?assigned=me&open=yes", "open claims assigned to you"),
            Figure("New and unassigned", unassigned_new, f"{CLAIMS}?status__exact=new&assigned=none"),
            Figure("Least confident first", by_status.get(Claim.Status.NEW, 0),
                   f"{CLAIMS}?status__exact=new&o={CONFIDENCE_COLUMN}",
                   "new claims, the extraction's least certain at the top"),
            Figure("New claims that match existing checks", matched, f"{CLAIMS}?matched=suggested&open=yes"),
            Figure("Checked claim repeated", repeated, f"{CLAIMS}?repeated=yes",
                   "not checked here, checked in another article"),
        ],
        "status": [Figure(label, by_status.get(value, 0), f"{CLAIMS}?status__exact={value}")
                   for value, label in Claim.Status.choices],
    }


def recently_checked(limit: int = 8):
    return (Claim.objects.filter(status=Claim.Status.CHECKED).exclude(verdict="").exclude(reviewed_at=None)
            .select_related("speaker", "reviewer").only("id", "text", "verdict", "reviewed_at", "speaker__name",
                                                        "speaker_text", "reviewer__username")
            .order_by("-reviewed_at", "-id")[:limit])


def recent_activity(limit: int = 10):
    return (ReviewEvent.objects.select_related("user", "claim").only("at", "changes", "user__username", "claim__id",
                                                                     "claim__text")
            .order_by("-at", "-id")[:limit])
