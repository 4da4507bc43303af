"""The claims list's filters: who, where, how sure, how worth checking, whose."""
from __future__ import annotations

from django.contrib import admin
from django.core.cache import cache
from django.db.models import Count
from django.utils.text import Truncator

from articles.ids import id_in_range
from articles.models import Article, Claim, Organisation
from articles.selectors import claim_filters
from articles.services import checkworthiness
from articles.services.filter_cache import PUBLISHERS_CACHE, TOP_SPEAKERS_CACHE


class PublisherFilter(admin.SimpleListFilter):
    title = "publisher"
    parameter_name = "publisher"

    def lookups(self, request, model_admin):
        pubs = cache.get(PUBLISHERS_CACHE)
        if pubs is None:  # a join over all articles: cached, publishers change rarely
            pubs = list(Organisation.objects.filter(published_articles__isnull=False).distinct()
                        .order_by("name").values_list("pk", "name")[:50])
            cache.set(PUBLISHERS_CACHE, pubs, 300)
        return [(str(pk), name) for pk, name in pubs]

    def queryset(self, request, qs):
        return qs.filter(article__publisher_id=self.value()) if self.value() else qs


class SpeakerFilter(admin.SimpleListFilter):
    """The most quoted speakers; any other speaker is a search away (names and aliases)."""

    title = "speaker (most quoted)"
    parameter_name = "speaker"

    def lookups(self, request, model_admin):
        # A grouped scan of the whole table: cached, since who is most quoted changes slowly.
        top = cache.get(TOP_SPEAKERS_CACHE)
        if top is None:
            top = list(Claim.objects.filter(speaker__isnull=False).values("speaker", "speaker__name")
                       .annotate(n=Count("id")).order_by("-n")[:15])
            cache.set(TOP_SPEAKERS_CACHE, top, 300)
        return [(str(r["speaker"]), f"{r['speaker__name']} ({r['n']})") for r in top]

    def queryset(self, request, qs):
        if not self.value():
            return qs
        return qs.filter(speaker_id=int(self.value())) if id_in_range(self.value()) else qs.none()


class OneRecordFilter(admin.SimpleListFilter):
    """Claims of one record, opened from that record's claim count: the filter shows the record's
    name; an id that names no record lists no claims (Django skips a filter with no choices, which
    would list every claim)."""

    field = ""  # the claim's foreign key to the record

    def record_name(self, pk: int) -> str | None:
        raise NotImplementedError

    def _pk(self) -> int | None:
        value = self.value()
        return int(value) if value and value.strip().isdigit() and id_in_range(value) else None

    def lookups(self, request, model_admin):
        if not self.value():
            return []
        pk = self._pk()
        name = self.record_name(pk) if pk is not None else None
        return [(self.value(), name if name is not None else f"no such {self.title}")]

    def queryset(self, request, qs):
        if not self.value():
            return qs
        pk = self._pk()
        return qs.filter(**{f"{self.field}_id": pk}) if pk is not None else qs.none()


class OrganisationFilter(OneRecordFilter):
    """Claims of one organisation's sources (opened from the organisation's claim count)."""

    title = "organisation"
    parameter_name = "organisation"
    field = "organisation"

    def record_name(self, pk):
        return Organisation.objects.filter(pk=pk).values_list("name", flat=True).first()


class ArticleFilter(OneRecordFilter):
    """Claims of one article: the latest articles to choose from, and any other opened from the
    articles list's claim count."""

    title = "article"
    parameter_name = "article"
    field = "article"
    LATEST = 8

    def record_name(self, pk):
        title = Article.objects.filter(pk=pk).values_list("title", flat=True).first()
        return None if title is None else Truncator(title).chars(60)

    def lookups(self, request, model_admin):
        latest = [(str(pk), Truncator(title).chars(60)) for pk, title in
                  Article.objects.order_by("-published", "-id").values_list("pk", "title")[:self.LATEST]]
        if self.value() and all(value != self.value() for value, _ in latest):
            latest = super().lookups(request, model_admin) + latest
        return latest


# A claim's kind in the claims list: the same words in its column and its filter (the model's
# labels, "Article's own assertion", are too wide for the column).
KIND_LABELS = {Claim.Kind.QUOTE: "Quote", Claim.Kind.REPORTED: "Reported", Claim.Kind.ASSERTION: "Assertion"}


class KindFilter(admin.SimpleListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(value, KIND_LABELS.get(value, label)) for value, label in Claim.Kind.choices]

    def queryset(self, request, qs):
        return qs.filter(kind=self.value()) if self.value() in Claim.Kind.values else qs


class ConfidenceFilter(admin.SimpleListFilter):
    """Claims by the extractor's calibrated confidence: the low ones deserve a look first. The bands
    are the model's own (its calibration, see extraction.learned.confidence.confidence_bands)."""

    title = "extraction confidence"
    parameter_name = "confidence"

    def lookups(self, request, model_admin):
        labels = {"low": "Low (under {1:g})", "medium": "Medium ({0:g}-{1:g})", "high": "High ({0:g} and over)"}
        return [(name, labels[name].format(*band)) for name, band in claim_filters.confidence_band_bounds().items()]

    def queryset(self, request, qs):
        return claim_filters.confidence_band(qs, self.value()) if self.value() else qs


class CheckworthinessFilter(admin.SimpleListFilter):
    """Claims by check-worthiness; "first" is the desk's queue: new and unassigned, most worth checking
    first (the ordering comes with it, see ClaimAdmin.get_ordering)."""

    title = "worth checking"
    parameter_name = "worth"

    def lookups(self, request, model_admin):
        return [("first", "Worth checking first (new, unassigned)"), ("yes", "Worth checking"),
                ("no", "Not worth checking"), ("unscored", "Not scored yet")]

    def queryset(self, request, qs):
        return claim_filters.worth(qs, self.value(), checkworthiness.threshold()) if self.value() else qs


class AssignedFilter(admin.SimpleListFilter):
    title = "assigned to"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "Me"), ("none", "Unassigned"), ("any", "Anyone")]

    def queryset(self, request, qs):
        return claim_filters.assigned(qs, self.value(), request.user) if self.value() in claim_filters.ASSIGNED else qs


class OpenFilter(admin.SimpleListFilter):
    title = "open"
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", "Not checked yet")]

    def queryset(self, request, qs):
        return claim_filters.not_checked(qs) if self.value() == "yes" else qs
