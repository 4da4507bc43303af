"""django-filter FilterSets of the API. Every filter is in the OpenAPI schema; a bad value is a 400."""
from __future__ import annotations

import django_filters as df
from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field

from articles.models import Article, Claim, ClaimLink, FactCheck, Organisation, Person, Statistic
from articles.publishing import selectors as published
from articles.selectors import claim_filters, search

from .fields import IdFilter, NumberFilter, TextFilter

BOOLEAN_CHOICES = [("true", "true"), ("false", "false"), ("1", "1"), ("0", "0")]


@extend_schema_field({"type": "string", "enum": [c for c, _ in BOOLEAN_CHOICES]})
class StrictBooleanFilter(df.TypedChoiceFilter):
    """A boolean filter that refuses anything but true/false/1/0 with a 400 (declared as that enum)."""

    def __init__(self, **kw):
        super().__init__(choices=BOOLEAN_CHOICES, coerce=lambda v: v in ("true", "1", True), **kw)


strict_boolean = StrictBooleanFilter
ASSIGNEE = r"^(|me|none|[1-9][0-9]{0,18})$"


@extend_schema_field({"type": "string", "pattern": ASSIGNEE})
class AssigneeFilter(df.CharFilter):
    """A user id, me or none (the pattern is the validation: nothing is stripped first)."""

    def __init__(self, **kw):
        super().__init__(strip=False, validators=[RegexValidator(ASSIGNEE, "assignee is a user id, me or none")], **kw)


class FilterSet(df.FilterSet):
    """django-filter builds a FilterSet's form class anew on every request (about 1 ms for the
    claims' filters); it depends only on the declared filters, so it is built once per class."""

    @classmethod
    def _cached_form_class(cls, build):
        form = cls.__dict__.get("_form_class")
        if form is None:
            form = build()
            cls._form_class = form
        return form

    def get_form_class(self):
        return type(self)._cached_form_class(super().get_form_class)


class ClaimFilter(FilterSet):
    speaker = IdFilter(field_name="speaker_id", help_text="Speaker id.")
    speaker_name = TextFilter(method="filter_speaker_name",
                                 help_text="Speaker whose name or any alias contains this text.")
    organisation = IdFilter(field_name="organisation_id",
                            help_text="Organisation an anonymous source speaks for (id).")
    article = IdFilter(field_name="article_id", help_text="Article id.")
    publisher = IdFilter(field_name="article__publisher_id", help_text="Publisher (organisation) id.")
    kind = df.ChoiceFilter(choices=Claim.Kind.choices)
    source_kind = df.ChoiceFilter(choices=Claim.SourceKind.choices,
                                  help_text="What names the source: person, organisation, pronoun, group, document, "
                                            "unresolved (the last four: claims with neither speaker nor organisation).")
    status = df.ChoiceFilter(choices=Claim.Status.choices, method="filter_status",
                             help_text="Readers who are not signed-in staff see an unpublished check as new.")
    verdict = df.ChoiceFilter(choices=Claim.Verdict.choices, method="filter_verdict",
                              help_text="Readers who are not signed-in staff find published checks only.")
    published_after = df.DateFilter(field_name="published", lookup_expr="gte",
                                    help_text="Article published on or after (YYYY-MM-DD).")
    published_before = df.DateFilter(field_name="published", lookup_expr="lte",
                                     help_text="Article published on or before (YYYY-MM-DD).")
    mentions_person = IdFilter(field_name="mentioned_people", help_text="Claims mentioning this person (id).")
    mentions_organisation = IdFilter(field_name="mentioned_organisations",
                                            help_text="Claims mentioning this organisation (id).")
    has_statistics = strict_boolean(method="filter_has_statistics", help_text="true: claims with statistics.")
    in_text = strict_boolean(field_name="in_text", help_text="false: reviewed claims no longer in their article.")
    q = TextFilter(method="filter_q", help_text="Text search over claim text, speaker and article title.")
    confidence_min = NumberFilter(field_name="confidence", lookup_expr="gte",
                                     help_text="Extraction confidence at least this (0-1).")
    confidence_max = NumberFilter(field_name="confidence", lookup_expr="lt",
                                     help_text="Extraction confidence below this (0-1): the least certain claims.")
    checkworthiness_min = NumberFilter(field_name="checkworthiness", lookup_expr="gte",
                                          help_text="Check-worthiness at least this (0-1): the claims most worth checking.")
    checkworthiness_max = NumberFilter(field_name="checkworthiness", lookup_expr="lt",
                                          help_text="Check-worthiness below this (0-1).")
    assignee = AssigneeFilter(method="filter_assignee",
                              help_text="Assigned to this user (id), to the signed-in user (me), or to nobody (none).")
    matched = df.ChoiceFilter(choices=[("suggested", "suggested"), ("confident", "confident"), ("none", "none")],
                              method="filter_matched",
                              help_text="suggested: a fact-check may already answer the claim (confident: one "
                                        "very likely does); none: no match.")
    family = IdFilter(field_name="family_id", help_text="Claims of this claim family (id).")

    class Meta:
        model = Claim
        fields = []

    def _drafts(self) -> bool:
        return published.sees_drafts(getattr(self.request, "user", None))

    def filter_status(self, qs, name, value):
        return published.by_status(qs, value, self._drafts())

    def filter_verdict(self, qs, name, value):
        return published.by_verdict(qs, value, self._drafts())

    def filter_speaker_name(self, qs, name, value):
        return search.speaker_matches(qs, value)

    def filter_has_statistics(self, qs, name, value):
        return claim_filters.has_statistics(qs, value)

    def filter_assignee(self, qs, name, value):
        try:
            return claim_filters.assigned(qs, value, getattr(self.request, "user", None))
        except ValueError:  # an id the pattern allows but no row can have: nobody
            return qs.none()

    def filter_matched(self, qs, name, value):
        return claim_filters.matched(qs, value)

    def filter_q(self, qs, name, value):
        return search.search_claims(qs, value)


class ArticleFilter(FilterSet):
    publisher = IdFilter(field_name="publisher_id")
    published_after = df.DateFilter(field_name="published", lookup_expr="gte")
    published_before = df.DateFilter(field_name="published", lookup_expr="lte")
    source_file = TextFilter()
    q = TextFilter(method="filter_q", help_text="Words in the title or body.")

    class Meta:
        model = Article
        fields = []

    def filter_q(self, qs, name, value):
        return search.search_articles(qs, value)


class PersonFilter(FilterSet):
    q = TextFilter(method="filter_q", help_text="Name or alias contains.")

    class Meta:
        model = Person
        fields = ["gender"]

    def filter_q(self, qs, name, value):
        return search.search_people(qs, value)


class OrganisationFilter(FilterSet):
    q = TextFilter(method="filter_q", help_text="Name or alias contains.")
    kind = df.ChoiceFilter(choices=Organisation.Kind.choices)

    class Meta:
        model = Organisation
        fields = []

    def filter_q(self, qs, name, value):
        return search.search_organisations(qs, value)


class StatisticFilter(FilterSet):
    unit = df.ChoiceFilter(choices=Statistic.Unit.choices)
    value_min = NumberFilter(field_name="value", lookup_expr="gte")
    value_max = NumberFilter(field_name="value", lookup_expr="lte")
    article = IdFilter(field_name="article_id")
    claim = IdFilter(field_name="claim_id")

    class Meta:
        model = Statistic
        fields = []


class ClaimLinkFilter(FilterSet):
    source = IdFilter(field_name="source_id", help_text="Links from this claim (id).")
    target = IdFilter(field_name="target_id", help_text="Links to this claim (id).")
    relation = df.ChoiceFilter(choices=ClaimLink.Relation.choices)

    class Meta:
        model = ClaimLink
        fields = []


class FactCheckFilter(FilterSet):
    publisher = TextFilter(help_text="The fact-checker's name, exactly.")
    language = TextFilter(help_text="Language code, exactly (such as en).")

    class Meta:
        model = FactCheck
        fields = []
