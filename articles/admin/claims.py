from __future__ import annotations

from django.contrib import admin, messages
from django.core.cache import cache
from django.db import models
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from articles.api.fields import id_in_range
from articles.models import (
    Claim,
    ClaimLink,
    EvidenceLink,
    FactCheck,
    MatchFeedback,
    Organisation,
    Person,
    ReviewEvent,
)
from articles.selectors import claimreview, search, similar
from articles.services import families, links, matching, review
from articles.services.filter_cache import PUBLISHERS_CACHE, TOP_SPEAKERS_CACHE

from .common import CappedCountPaginator, FarDatesChangeList, StatisticInline, admin_url, skip_scan
from .highlight import Span, render_blocks
from .matching import MatchFilter, RepeatedFilter, checked_already, family_timeline


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


class OrganisationFilter(admin.SimpleListFilter):
    """Claims of one organisation's sources (opened from the organisation's claim count)."""

    title = "organisation"
    parameter_name = "organisation"

    def lookups(self, request, model_admin):
        value = self.value()
        org = Organisation.objects.filter(pk=int(value)).first() if value and id_in_range(value) else None
        return [(str(org.pk), org.name)] if org else []

    def queryset(self, request, qs):
        if not self.value():
            return qs
        return qs.filter(organisation_id=int(self.value())) if id_in_range(self.value()) else qs.none()


class ConfidenceFilter(admin.SimpleListFilter):
    """Claims by the extractor's calibrated confidence: the low ones deserve a look first. The bands
    follow the reliability table on the development split (model card): under 0.7 about two claims in
    three are right, 0.7-0.8 three in four, from 0.8 more than nine in ten. The extractor keeps
    nothing under 0.6."""

    title = "extraction confidence"
    parameter_name = "confidence"
    BANDS = {"low": (0.0, 0.7), "medium": (0.7, 0.8), "high": (0.8, 1.01)}

    def lookups(self, request, model_admin):
        return [("low", "Low (under 0.7)"), ("medium", "Medium (0.7-0.8)"), ("high", "High (0.8 and over)")]

    def queryset(self, request, qs):
        band = self.BANDS.get(self.value() or "")
        return qs.filter(confidence__gte=band[0], confidence__lt=band[1]) if band else qs


class AssignedFilter(admin.SimpleListFilter):
    title = "assigned to"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "Me"), ("none", "Unassigned"), ("any", "Anyone")]

    def queryset(self, request, qs):
        if self.value() == "me":
            return qs.filter(assignee=request.user)
        if self.value() == "none":
            return qs.filter(assignee__isnull=True)
        if self.value() == "any":
            return qs.filter(assignee__isnull=False)
        return qs


class OpenFilter(admin.SimpleListFilter):
    title = "open"
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", "Not checked yet")]

    def queryset(self, request, qs):
        return qs.exclude(status=Claim.Status.CHECKED) if self.value() == "yes" else qs


class EvidenceInline(admin.TabularInline):
    model = EvidenceLink
    extra = 1
    fields = ["url", "title"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    verbose_name = "evidence link"


class LinkInline(admin.TabularInline):
    model = ClaimLink
    fk_name = "source"
    extra = 1
    fields = ["relation", "target", "note"]
    autocomplete_fields = ["target"]
    verbose_name = "link to another claim"
    verbose_name_plural = "links to other claims (this claim … the other)"


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "speaker_name", "kind_short", "confidence_display", "article_title", "published_date",
                    "status", "verdict", "assignee"]
    list_filter = ["status", OpenFilter, AssignedFilter, "verdict", "kind", ConfidenceFilter, MatchFilter, RepeatedFilter,
                   PublisherFilter,
                   SpeakerFilter, OrganisationFilter, "in_text"]
    date_hierarchy = "published"
    ordering = ["-id"]  # newest first, in index order: no sort over the table
    search_fields = ["text"]  # widened in get_search_results: speaker names and aliases, article titles
    search_help_text = "Words of the claim, a speaker's name or alias, or an article title."
    list_select_related = ["article", "speaker", "organisation", "assignee"]
    list_per_page = 50
    show_full_result_count = False
    paginator = CappedCountPaginator
    actions = ["mark_in_review", "mark_checked", "assign_to_me"]
    autocomplete_fields = ["speaker", "organisation", "mentioned_people", "mentioned_organisations", "assignee"]
    readonly_fields = ["in_context", "text", "kind", "cue", "confidence", "speaker_text", "article_link", "in_text", "reviewer",
                       "reviewed_at", "incoming_links", "similar", "history", "matches_display", "family_display",
                       "public_page", "all_links", "evidence_summary"]
    fieldsets = [
        ("Claim", {"fields": ["in_context", "text", "kind", "cue", "confidence", "speaker_text", "article_link",
                              "in_text"]}),
        ("Checked already?", {"fields": ["matches_display", "family_display"]}),
        ("Who and what", {"fields": ["speaker", "organisation", "mentioned_people", "mentioned_organisations"]}),
        ("Review", {"fields": ["status", "verdict", "claim_reviewed", "rationale", "evidence_summary", "assignee",
                               "reviewer", "reviewed_at", "public_page"]}),
        ("Related claims", {"fields": ["all_links", "similar"]}),
        ("History", {"fields": ["history"]}),
    ]
    inlines = [EvidenceInline, LinkInline, StatisticInline]

    # -- changelist --------------------------------------------------------------------
    @admin.display(description="claim", ordering="id")

    def get_changelist(self, request, **kwargs):
        return FarDatesChangeList
    def excerpt(self, obj):
        # One line a claim: the cell is clipped by CSS (change_list.html); the whole text on hover.
        return format_html('<span title="{}">{}</span>', obj.text, Truncator(obj.text).chars(160))

    @admin.display(description="speaker", ordering="speaker__name")
    def speaker_name(self, obj):
        if obj.speaker_id:
            return format_html('<a href="{}" title="{}">{}</a>', admin_url(obj.speaker), obj.speaker.name, obj.speaker.name)
        if obj.organisation_id:
            label = f"{obj.organisation.name} ({obj.speaker_text})" if obj.speaker_text else obj.organisation.name
            return format_html('<a href="{}" title="{}">{}</a>', admin_url(obj.organisation), label, label)
        return obj.speaker_text

    @admin.display(description="kind", ordering="kind")
    def kind_short(self, obj):
        return {"quote": "quote", "reported": "reported", "assertion": "article"}.get(obj.kind, obj.kind)

    @admin.display(description="conf.", ordering="confidence")
    def confidence_display(self, obj):
        # Sorting this column ascending lists the least confident first (index on confidence, id).
        return f"{obj.confidence:.2f}"

    @admin.display(description="article", ordering="article__title")
    def article_title(self, obj):
        return format_html('<a href="{}" title="{}">{}</a>', admin_url(obj.article), obj.article.title,
                           Truncator(obj.article.title).chars(40))

    @admin.display(description="date", ordering="published")
    def published_date(self, obj):
        return obj.published.isoformat() if obj.published else ""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return search.search_claims(queryset, search_term), False

    # -- actions ---------------------------------------------------------------------
    def _bulk(self, request, qs, label, **changes):
        n = 0
        for claim in qs.select_related(None):
            if review.apply_review(claim, request.user, **changes):
                n += 1
        self.message_user(request, f"{n} claim(s) {label}.", messages.SUCCESS)

    @admin.action(description="Mark selected claims in review", permissions=["change"])
    def mark_in_review(self, request, qs):
        self._bulk(request, qs, "marked in review", status=Claim.Status.IN_REVIEW)

    @admin.action(description="Mark selected claims checked", permissions=["change"])
    def mark_checked(self, request, qs):
        self._bulk(request, qs, "marked checked", status=Claim.Status.CHECKED)

    @admin.action(description="Assign selected claims to me", permissions=["change"])
    def assign_to_me(self, request, qs):
        n = 0
        for claim in qs:
            if review.assign(claim, request.user, request.user):
                n += 1
        self.message_user(request, f"{n} claim(s) assigned to you.", messages.SUCCESS)

    # -- change page -----------------------------------------------------------------
    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("article__publisher", "speaker", "organisation",
                                                          "reviewer", "assignee")
        return skip_scan(qs)

    @admin.display(description="in its paragraph")
    def in_context(self, obj):
        art = obj.article
        spans = [Span(c.start, c.end, f"cdb-{c.kind}" + (" cdb-focus" if c.pk == obj.pk else ""),
                      admin_url(c), Truncator(c.text).chars(80))
                 for c in art.claims.filter(start__lt=obj.end + 2000, end__gt=obj.start - 2000)]
        spans += [Span(s.start, s.end, "cdb-stat", admin_url(s), s.text)
                  for s in art.statistics.filter(start__lt=obj.end + 2000, end__gt=obj.start - 2000)]
        return render_blocks(art.body, art.paragraphs, spans, only=(obj.start, obj.end))

    @admin.display(description="article")
    def article_link(self, obj):
        a = obj.article
        pub = f" — {a.publisher.name}" if a.publisher_id else ""
        return format_html('<a href="{}">{}</a> ({}{})', admin_url(a), a.title, a.published, pub)

    @admin.display(description="evidence")
    def evidence_summary(self, obj):
        rows = list(obj.evidence.all()) if obj.pk else []
        if not rows:
            return "None yet: add sources under “Evidence” below."
        return format_html("<ol>{}</ol>", format_html_join("", '<li><a href="{}" target="_blank" rel="noopener">{}</a></li>',
                                                          ((e.url, e.title or e.url) for e in rows)))

    @admin.display(description="links")
    def all_links(self, obj):
        """Both directions, as sentences: "contradicts: “excerpt…” — Speaker, Article"."""
        if not obj.pk:
            return "—"
        out = [(link.get_relation_display().lower(), link.target) for link in
               ClaimLink.objects.filter(source=obj).select_related("target__speaker", "target__article")]
        inverse = {"repeats": "repeated by", "contradicts": "contradicted by", "supports": "supported by",
                   "responds_to": "answered by"}
        out += [(inverse[link.relation], link.source) for link in
                ClaimLink.objects.filter(target=obj).select_related("source__speaker", "source__article")]
        if not out:
            return "No links yet."
        return format_html("<ul>{}</ul>", format_html_join("", '<li>{}: <a href="{}">“{}”</a> — {}, {}</li>', (
            (rel, admin_url(c), Truncator(c.text).chars(90), c.speaker.name if c.speaker_id else c.speaker_text or "?",
             Truncator(c.article.title).chars(60)) for rel, c in out)))

    @admin.display(description="links from other claims")
    def incoming_links(self, obj):
        rows = ClaimLink.objects.filter(target=obj).select_related("source__speaker")
        if not rows:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join(
            "", '<li><a href="{}">{}</a> <b>{}</b> this claim</li>',
            ((admin_url(link.source), Truncator(link.source.text).chars(90), link.get_relation_display())
             for link in rows)))

    @admin.display(description="similar claims")
    def similar(self, obj):
        found = similar.similar_claims(obj)
        if not found:
            return "None found."
        can_link = getattr(self, "_can_change", False)
        url = reverse("admin:articles_claim_link", args=[obj.pk])
        rows = []
        for other, score in found:
            who = other.speaker.name if other.speaker_id else other.speaker_text
            button = format_html(
                ' <button type="submit" class="button" formaction="{}" name="target" value="{}">'
                'mark as repeating this</button>', url, other.pk) if can_link else ""
            rows.append(format_html('<li>{} <a href="{}">{}</a> — {} ({}){}</li>', f"{score:.0%}", admin_url(other),
                                    Truncator(other.text).chars(100), who, other.article.published, button))
        return format_html("<ul>{}</ul>", format_html_join("", "{}", ((r,) for r in rows)))

    @admin.display(description="published check")
    def public_page(self, obj):
        if not claimreview.is_checked(obj):
            return "Not published: a check is public once the claim is checked with a verdict."
        return format_html('<a href="{}" target="_blank">{}</a>', f"/factchecks/{obj.pk}/", "Open the public page")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "claim_reviewed" in form.base_fields and obj is not None:
            attrs = form.base_fields["claim_reviewed"].widget.attrs
            attrs["placeholder"] = claimreview.wording(obj)
            attrs["style"] = "width: 100%; max-width: 48rem; box-sizing: border-box"
        return form

    @admin.display(description="fact-checks")
    def matches_display(self, obj):
        can = getattr(self, "_can_change", False)
        return checked_already(obj, reverse("admin:articles_claim_match_feedback", args=[obj.pk]) if can else None)

    @admin.display(description="in other articles")
    def family_display(self, obj):
        can = getattr(self, "_can_change", False)
        return family_timeline(obj, reverse("admin:articles_claim_confirm", args=[obj.pk]) if can else None)

    @admin.display(description="history of the review")
    def history(self, obj):
        events = ReviewEvent.objects.filter(claim=obj).select_related("user")
        if not events:
            return "No changes yet."
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (e.at.strftime("%Y-%m-%d %H:%M:%S"), e.user.get_username() if e.user else "—",
             "; ".join(f"{k}: {old or '∅'} → {new or '∅'}" for k, (old, new) in e.changes.items()))
            for e in events))
        return format_html('<table class="cdb-history"><tr><th>when</th><th>who</th><th>what</th></tr>{}</table>',
                           rows)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        self._can_change = bool(obj) and self.has_change_permission(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        review.editor_save(obj, request.user, form.changed_data)

    def save_related(self, request, form, formsets, change):
        before = {"mentioned_people": set(form.instance.mentioned_people.values_list("pk", flat=True)),
                  "mentioned_organisations": set(form.instance.mentioned_organisations.values_list("pk", flat=True))}
        super().save_related(request, form, formsets, change)
        review.record_mentions(form.instance, request.user, before)

    def save_formset(self, request, form, formset, change):
        if formset.model is ClaimLink:
            for link in formset.save(commit=False):
                if link.pk:
                    link.save()
                else:
                    links.create_link(form.instance, link.target, link.relation, request.user, link.note)
            for link in formset.deleted_objects:
                links.delete_link(link, request.user)
        elif formset.model is EvidenceLink:
            old = list(form.instance.evidence.values_list("url", flat=True))
            formset.save()
            review.evidence_changed(form.instance, request.user, old)
        else:
            formset.save()

    def get_urls(self):
        return [path("<int:pk>/link/", self.admin_site.admin_view(self.link_view), name="articles_claim_link"),
                path("<int:pk>/confirm-verdict/", self.admin_site.admin_view(self.confirm_view),
                     name="articles_claim_confirm"),
                path("<int:pk>/match-feedback/", self.admin_site.admin_view(self.match_feedback_view),
                     name="articles_claim_match_feedback"),
                *super().get_urls()]

    def confirm_view(self, request, pk):
        """Take the verdict a checked appearance of the same statement suggests (one click)."""
        claim = get_object_or_404(Claim, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, claim):
            self.message_user(request, "You may not review this claim.", messages.ERROR)
        elif families.confirm_suggestion(claim, request.user):
            self.message_user(request, f"Checked: {claim.get_verdict_display()}, as in the other appearance.",
                              messages.SUCCESS)
        else:
            self.message_user(request, "No checked appearance suggests a verdict.", messages.WARNING)
        return HttpResponseRedirect(admin_url(claim))

    def match_feedback_view(self, request, pk):
        """"Not this check" / "This is the check" on a match of the claim page."""
        claim = get_object_or_404(Claim, pk=pk)
        raw = request.GET.get("factcheck", "")
        factcheck = FactCheck.objects.filter(pk=int(raw)).first() if raw.isdigit() and id_in_range(raw) else None
        verdict = request.GET.get("verdict", "")
        if request.method != "POST" or not self.has_change_permission(request, claim):
            self.message_user(request, "You may not review this claim.", messages.ERROR)
        elif factcheck is None or verdict not in MatchFeedback.Verdict.values:
            self.message_user(request, "No such fact-check or answer.", messages.ERROR)
        else:
            matching.record_feedback(claim, factcheck, verdict, request.user)
            self.message_user(request, "Noted: this fact-check will not be matched to this claim again."
                              if verdict == MatchFeedback.Verdict.REJECTED else
                              "Noted: this fact-check checks this claim.", messages.SUCCESS)
        return HttpResponseRedirect(admin_url(claim))

    def link_view(self, request, pk):
        """Mark a similar claim as repeating this one (a button on the change page)."""
        claim = get_object_or_404(Claim, pk=pk)
        if request.method != "POST" or not request.user.has_perm("articles.add_claimlink"):
            self.message_user(request, "You may not link claims.", messages.ERROR)
            return HttpResponseRedirect(admin_url(claim))
        raw_target = request.POST.get("target", "")
        relation = request.POST.get("relation", ClaimLink.Relation.REPEATS)
        other = Claim.objects.filter(pk=int(raw_target)).first() if raw_target.isdigit() and \
            id_in_range(raw_target) else None
        problem = ("no such claim to link" if other is None
                   else "a claim cannot be linked to itself" if other.pk == claim.pk
                   else f"unknown relation {relation[:40]!r}" if relation not in ClaimLink.Relation.values
                   else "")
        if problem:
            self.message_user(request, f"Not linked: {problem}.", messages.ERROR)
            return HttpResponseRedirect(admin_url(claim))
        if not ClaimLink.objects.filter(source=other, target=claim, relation=relation).exists():
            links.create_link(other, claim, relation, request.user)
        self.message_user(request, "Linked: the other claim repeats this one.", messages.SUCCESS)
        return HttpResponseRedirect(admin_url(claim))


@admin.register(ClaimLink)
class ClaimLinkAdmin(admin.ModelAdmin):
    list_display = ["source", "relation", "target", "created_by", "created_at"]
    list_filter = ["relation"]
    autocomplete_fields = ["source", "target"]
    readonly_fields = ["created_by", "created_at"]
    list_select_related = ["source", "target", "created_by"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
        else:
            obj.pk = links.create_link(obj.source, obj.target, obj.relation, request.user, obj.note).pk

    def delete_model(self, request, obj):
        links.delete_link(obj, request.user)


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    list_display = ["claim", "user", "at", "changes"]
    list_select_related = ["claim", "user"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Persons are searchable for autocomplete (the claim form's speaker and mentions).
__all__ = ["ClaimAdmin", "Person"]
