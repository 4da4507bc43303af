"""Filters of the claims list, written once for the admin's list filters and the API's FilterSet
(as NetBox's views reuse its filtersets): each takes a queryset and the filter's value."""
from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from articles.extraction.learned.confidence import confidence_bands
from articles.extraction.learned.model import default_model
from articles.ids import id_in_range
from articles.models import Claim, ClaimMatch, Statistic
from articles.selectors import desk

ASSIGNED = ("me", "none", "any")  # or a user id
MATCHED = ("confident", "suggested", "none")
WORTH = ("first", "yes", "no", "unscored")


def assigned(qs: QuerySet, value: str, user=None) -> QuerySet:
    """Claims assigned to ``user`` (me), to nobody (none), to anyone (any) or to a user id; a value
    that is none of these raises ValueError."""
    if value == "me":
        return qs.filter(assignee=user) if user is not None and user.is_authenticated else qs.none()
    if value == "none":
        return qs.filter(assignee__isnull=True)
    if value == "any":
        return qs.filter(assignee__isnull=False)
    if value.isdigit() and id_in_range(value):
        return qs.filter(assignee_id=int(value))
    raise ValueError("no such user id")


def matched(qs: QuerySet, value: str) -> QuerySet:
    """Claims a fact-check may already answer (suggested: any match; confident: a very likely one),
    or none."""
    matches = ClaimMatch.objects.filter(claim=OuterRef("pk"))
    if value == "none":
        return qs.exclude(Exists(matches))
    if value == "confident":
        matches = matches.filter(level=ClaimMatch.Level.CONFIDENT)
    return qs.filter(Exists(matches))


def has_statistics(qs: QuerySet, yes: bool) -> QuerySet:
    has = Exists(Statistic.objects.filter(claim=OuterRef("pk")))
    return qs.filter(has) if yes else qs.exclude(has)


def not_checked(qs: QuerySet) -> QuerySet:
    """Open claims: not checked yet."""
    return qs.exclude(status=Claim.Status.CHECKED)


def repeated(qs: QuerySet) -> QuerySet:
    """Claims not checked here whose statement has a published check elsewhere (desk.repeated_checked)."""
    return qs.filter(pk__in=desk.repeated_checked().values("pk"))


def worth(qs: QuerySet, value: str, threshold: float) -> QuerySet:
    """first: the desk's queue (new, unassigned, most worth checking first); yes/no: at or above /
    under the check-worthiness ``threshold``; unscored: not scored yet."""
    if value == "first":
        return desk.worth_checking_first(qs)
    if value == "yes":
        return qs.filter(checkworthiness__gte=threshold)
    if value == "no":
        return qs.filter(checkworthiness__lt=threshold)
    if value == "unscored":
        return qs.filter(checkworthiness__isnull=True)
    return qs


def confidence_band_bounds() -> dict[str, tuple[float | None, float | None]]:
    """The extraction model's confidence bands (its calibration); none without a model."""
    model = default_model()
    return confidence_bands(model) if model is not None else {}


def confidence_band(qs: QuerySet, band: str) -> QuerySet:
    low, high = confidence_band_bounds().get(band, (None, None))
    if low is not None:
        qs = qs.filter(confidence__gte=low)
    return qs.filter(confidence__lt=high) if high is not None else qs
