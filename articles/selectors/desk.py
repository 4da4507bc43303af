"""The editors' desk: what needs checking, as counts with the claims-list filter each one opens.

A figure names its filter as query parameters of the claims list and its order by name
(``order``); the admin turns them into its own URLs and column positions."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, Exists, F, FloatField, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce

from articles.models import Claim, ClaimMatch, ReviewEvent
from articles.publishing.selectors import published_checks
from articles.selectors import history


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    filters: dict[str, str]  # the claims list's filter parameters
    hint: str = ""
    order: str = ""  # a column the list is sorted by, ascending: "confidence"


def figures(user) -> dict[str, list[Figure]]:
    by_status = dict(Claim.objects.values_list("status").annotate(n=Count("id")).order_by())
    open_ = ~Q(status=Claim.Status.CHECKED)
    mine = Claim.objects.filter(open_, assignee=user).count() if user.is_authenticated else 0
    unassigned_new = Claim.objects.filter(status=Claim.Status.NEW, assignee__isnull=True).count()
    matched = Claim.objects.filter(open_).filter(Exists(ClaimMatch.objects.filter(claim=OuterRef("pk")))).count()
    repeated = repeated_checked().count()
    return {
        "queue": [
            Figure("Assigned to me", mine, {"assigned": "me", "open": "yes"}, "open claims assigned to you"),
            Figure("New and unassigned", unassigned_new, {"status__exact": "new", "assigned": "none"}),
            Figure("Worth checking first", unassigned_new, {"worth": "first"},
                   "new and unassigned, the most check-worthy first (statistics and repeated claims raised)"),
            Figure("Least confident first", by_status.get(Claim.Status.NEW, 0), {"status__exact": "new"},
                   "new claims, the extraction's least certain at the top", order="confidence"),
            Figure("New claims that match existing checks", matched, {"matched": "suggested", "open": "yes"}),
            Figure("Checked claim repeated", repeated, {"repeated": "yes"},
                   "not checked here, checked in another article"),
        ],
        "status": [Figure(label, by_status.get(value, 0), {"status__exact": value})
                   for value, label in Claim.Status.choices],
    }


# How far a statistic or a repeated statement raises a claim in "worth checking first": a claim with
# numbers, or one several outlets carry, is more often checked and more often worth it.
STATISTIC_BONUS = 0.15
REPEATED_BONUS = 0.15


def worth_checking_first(qs):
    """New, unassigned claims, the most check-worthy first (``priority``: the check-worthiness score,
    raised for claims with statistics and for statements that appear in several articles)."""
    from articles.models import Statistic

    has_stat = Exists(Statistic.objects.filter(claim=OuterRef("pk")))
    return (qs.filter(status=Claim.Status.NEW, assignee__isnull=True)
            .annotate(priority=Coalesce(F("checkworthiness"), Value(0.0))
                      + Case(When(has_stat, then=Value(STATISTIC_BONUS)), default=Value(0.0))
                      + Case(When(family__isnull=False, then=Value(REPEATED_BONUS)), default=Value(0.0),
                             output_field=FloatField()))
            .order_by("-priority", "-id"))


def repeated_checked():
    """Claims not yet checked whose statement has a published check in another appearance (the
    desk's list; what :func:`articles.services.families.suggested_verdict` would offer)."""
    return (Claim.objects.exclude(status=Claim.Status.CHECKED).exclude(family__isnull=True)
            .filter(Exists(published_checks().filter(family_id=OuterRef("family_id")))))


def recently_checked(limit: int = 8):
    """The latest published checks."""
    return (published_checks().exclude(reviewed_at=None)
            .select_related("speaker", "reviewer").only("id", "text", "verdict", "reviewed_at", "speaker__name",
                                                        "speaker_text", "reviewer__username")
            .order_by("-reviewed_at", "-id")[:limit])


def recent_activity(limit: int = 10) -> list[ReviewEvent]:
    """The latest review events, each with ``described``: its changes by their labels."""
    events = list(ReviewEvent.objects.select_related("user", "claim")
                  .only("at", "changes", "user__username", "claim__id", "claim__text").order_by("-at", "-id")[:limit])
    for e in events:
        e.described = history.describe(e.changes)
    return events


def organisation_speaker(name: str, speaker_text: str) -> str:
    """How a claim's organisation speaker is named: "MSNBC", not "MSNBC (MSNBC)"; the words naming
    the speaker are added only when they say more ("Pentagon (a senior official)")."""
    words = speaker_text.strip()
    if not words or _plain(words) == _plain(name) or _plain(words) in {_plain(f"the {name}"), _plain(f"{name}'s")}:
        return name
    return f"{name} ({words})"


def _plain(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split()).strip(" .,")
