from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator

from articles.ids import id_in_range
from articles.models import (
    Claim,
    ClaimLink,
    EvidenceLink,
    FactCheck,
    MatchFeedback,
    Person,
    ReviewEvent,
)
from articles.publishing import preview as publishing
from articles.selectors import claimreview, desk, history, search, similar
from articles.services import families, links, matching, review

from . import corrections
from .claim_filters import (
    KIND_LABELS,
    ArticleFilter,
    AssignedFilter,
    CheckworthinessFilter,
    ConfidenceFilter,
    KindFilter,
    OpenFilter,
    OrganisationFilter,
    PublisherFilter,
    SpeakerFilter,
)
from .common import (
    CappedCountPaginator,
    FarDatesChangeList,
    RecordAdmin,
    StatisticInline,
    admin_url,
    delete_last,
    skip_scan,
)
from .highlight import Span, render_blocks
from .matching import MatchFilter, RepeatedFilter, checked_already, family_timeline


class EvidenceInline(admin.TabularInline):
    model = EvidenceLink
    formset = corrections.EvidenceFormSet
    extra = 1
    fields = ["url", "title", "archived"]
    readonly_fields = ["archived"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    verbose_name = "evidence link"

    @admin.display(description="archived copy")
    def archived(self, obj):
        return corrections.archive_state(obj)


class LinkInline(admin.TabularInline):
    model = ClaimLink
    fk_name = "source"
    extra = 1
    fields = ["relation", "target", "note"]
    autocomplete_fields = ["target"]
    verbose_name = "link to another claim"
    verbose_name_plural = "links to other claims (this claim … the other)"


CORRECTION_FIELDS = (corrections.KIND_FIELD, corrections.REASON_FIELD)


class ClaimForm(forms.ModelForm):
    """The claim change form carries the version it was opened at (hidden): a save made from an
    older version than stored is refused with a form error, and nothing is written (services.review)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    correction_kind, correction_reason = corrections.correction_fields().values()

    class Meta:
        model = Claim
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or "version" in self.errors:
            return cleaned
        if cleaned.get("version") is None:
            raise forms.ValidationError("This form carries no version of the claim: open the claim again.",
                                        code="no_version")
        try:
            review.check_version(self.instance, cleaned["version"])
        except review.StaleClaim as exc:
            raise forms.ValidationError(str(exc), code="stale") from None
        self.correction = corrections.form_correction(self, cleaned)
        return cleaned


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    form = ClaimForm
    list_display = ["excerpt", "speaker_name", "kind_short", "confidence_display", "worth_display", "article_title",
                    "published_date",
                    "status", "verdict", "assignee"]
    list_filter = ["status", OpenFilter, AssignedFilter, "verdict", KindFilter, CheckworthinessFilter, ConfidenceFilter, MatchFilter, RepeatedFilter,
                   PublisherFilter,
                   SpeakerFilter, OrganisationFilter, "source_kind", ArticleFilter, "in_text"]
    date_hierarchy = "published"
    ordering = ["-id"]  # newest first, in index order: no sort over the table
    search_fields = ["text"]  # widened in get_search_results: speaker names and aliases, article titles
    search_help_text = "Words of the claim, a speaker's name or alias, or an article title."
    list_select_related = ["article", "speaker", "organisation", "assignee"]
    list_per_page = 50
    show_full_result_count = False
    paginator = CappedCountPaginator
    actions = ["assign_to_me", "mark_in_review", "mark_checked"]  # the desk's everyday action first
    autocomplete_fields = ["speaker", "organisation", "mentioned_people", "mentioned_organisations", "assignee"]
    readonly_fields = ["in_context", "text", "kind", "cue", "frame", "source_kind", "confidence", "checkworthiness", "speaker_text", "article_link", "in_text", "reviewer",
                       "reviewed_at", "incoming_links", "similar", "history", "matches_display", "family_display",
                       "public_page", "all_links", "evidence_summary", "corrections_display"]
    # The claim in its paragraph, then the review: what the desk works on is near the top; what the
    # extraction found comes after.
    fieldsets = [
        ("Claim", {"fields": ["in_context", "text", "article_link"]}),
        ("Review", {"fields": ["status", "verdict", "claim_reviewed", "rationale", *CORRECTION_FIELDS,
                               "evidence_summary", "assignee", "reviewer", "reviewed_at", "public_page",
                               "corrections_display", "version"]}),
        ("Checked already?", {"fields": ["matches_display", "family_display"]}),
        ("Who and what", {"fields": ["speaker", "organisation", "mentioned_people", "mentioned_organisations"]}),
        ("Extraction", {"fields": ["kind", "cue", "frame", "confidence", "checkworthiness", "speaker_text", "source_kind",
                                   "in_text"]}),
        ("Related claims", {"fields": ["all_links", "similar"]}),
        ("History", {"fields": ["history"]}),
    ]
    inlines = [EvidenceInline, LinkInline, StatisticInline]

    # -- changelist --------------------------------------------------------------------
    def get_changelist(self, request, **kwargs):
        return FarDatesChangeList

    def get_ordering(self, request):
        # The desk's "worth checking first" queue comes in its own order (CheckworthinessFilter).
        if request.GET.get(CheckworthinessFilter.parameter_name) == "first":
            return ["-priority", "-id"]
        return super().get_ordering(request)

    @admin.display(description="claim", ordering="id")
    def excerpt(self, obj):
        # Two lines a claim at 1400 px, enough to triage: CSS clips the cell (change_list.html);
        # the whole text on hover.
        return format_html('<span title="{}">{}</span>', obj.text, Truncator(obj.text).chars(400))

    @admin.display(description="speaker", ordering="speaker__name")
    def speaker_name(self, obj):
        if obj.speaker_id:
            return format_html('<a href="{}" title="{}">{}</a>', admin_url(obj.speaker), obj.speaker.name, obj.speaker.name)
        if obj.organisation_id:
            label = desk.organisation_speaker(obj.organisation.name, obj.speaker_text)
            return format_html('<a href="{}" title="{}">{}</a>', admin_url(obj.organisation), label, label)
        return obj.speaker_text

    @admin.display(description="kind", ordering="kind")
    def kind_short(self, obj):
        return KIND_LABELS.get(obj.kind, obj.get_kind_display())

    @admin.display(description="conf.", ordering="confidence")
    def confidence_display(self, obj):
        # Sorting this column ascending lists the least confident first (index on confidence, id).
        return f"{obj.confidence:.2f}"

    @admin.display(description="worth", ordering="checkworthiness")
    def worth_display(self, obj):
        # Sorting this column descending lists the most check-worthy first (index on checkworthiness, id).
        return "" if obj.checkworthiness is None else f"{obj.checkworthiness:.2f}"

    @admin.display(description="article", ordering="article__title")
    def article_title(self, obj):
        return format_html('<a href="{}" title="{}">{}</a>', admin_url(obj.article), obj.article.title,
                           Truncator(obj.article.title).chars(40))

    @admin.display(description="date", ordering="published")
    def published_date(self, obj):
        return obj.published.isoformat() if obj.published else ""

    @admin.display(description="assignee", ordering="assignee__username")
    def assignee_or_assign(self, obj):
        """ "Assign to me" as one click in the list, on an open claim nobody has: a button of the
        list's own form (its CSRF token), posting the version the list showed, as the claim page does."""
        if obj.assignee_id:
            return obj.assignee.get_username()
        if obj.status == Claim.Status.CHECKED:
            return "-"
        url = reverse("admin:articles_claim_assign_me", args=[obj.pk])
        return format_html('<button type="submit" class="cdb-assign-me" formaction="{}?from=list" name="version" '
                           'value="{}" title="Assign this claim to me">Assign to me</button>', url, obj.version)

    def get_list_display(self, request):
        # Editors get the one-click button in the assignee column; viewers the name alone.
        shown = super().get_list_display(request)
        if self.has_change_permission(request):
            return ["assignee_or_assign" if f == "assignee" else f for f in shown]
        return shown

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return search.search_claims(queryset, search_term), False

    # -- actions ---------------------------------------------------------------------
    def _bulk(self, request, qs, label, **changes):
        n, stale = 0, 0
        for claim in qs.select_related(None):
            try:
                if review.apply_review(claim, request.user, **changes):
                    n += 1
            except review.StaleClaim:  # changed by someone else while the list was read: left as it is
                stale += 1
        self.message_user(request, f"{n} claim(s) {label}.", messages.SUCCESS)
        if stale:
            self.message_user(request, f"{stale} claim(s) changed by someone else meanwhile were left as they are.",
                              messages.WARNING)

    @admin.action(description="Mark selected claims in review", permissions=["change"])
    def mark_in_review(self, request, qs):
        self._bulk(request, qs, "marked in review", status=Claim.Status.IN_REVIEW)

    @admin.action(description="Mark selected claims checked (publishes those with a verdict)",
                  permissions=["publish"])
    def mark_checked(self, request, qs):
        """Checked claims with a verdict are published: the action asks first, listing them."""
        if request.POST.get("confirm") != "yes":
            claims = list(qs.select_related(None).only("id", "text", "verdict", "status"))
            context = {
                **self.admin_site.each_context(request),
                "title": "Mark these claims checked?",
                "opts": self.model._meta,
                "claims": [(c, publishing.problems(c) == []) for c in claims],
                "published": sum(1 for c in claims if c.verdict and not c.is_published),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "action": request.POST.get("action", "mark_checked"),
            }
            return TemplateResponse(request, "admin/articles/claim/confirm_checked.html", context)
        self._bulk(request, qs, "marked checked", status=Claim.Status.CHECKED)
        return None

    @admin.action(description="Assign selected claims to me", permissions=["change"])
    def assign_to_me(self, request, qs):
        n, stale = 0, 0
        for claim in qs.select_related(None):
            try:
                if review.assign(claim, request.user, request.user):
                    n += 1
            except review.StaleClaim:
                stale += 1
        self.message_user(request, f"{n} claim(s) assigned to you.", messages.SUCCESS)
        if stale:
            self.message_user(request, f"{stale} claim(s) changed by someone else meanwhile were left as they are.",
                              messages.WARNING)

    def has_publish_permission(self, request, obj=None) -> bool:
        """May this request publish checks? (Review rights and the publish permission.)"""
        return self.has_change_permission(request, obj) and review.may_publish(request.user)

    def get_actions(self, request):
        return delete_last(super().get_actions(request))

    def get_action_choices(self, request, default_choices=None):
        # No empty first choice: the first action ("Assign selected claims to me") is one click away.
        return super().get_action_choices(request, default_choices=[])

    # -- change page -----------------------------------------------------------------
    def get_queryset(self, request):
        # ModelAdmin.get_queryset orders by get_ordering(); the desk's queue orders by a priority
        # that must be annotated first.
        qs = self.model._default_manager.get_queryset()
        if request.GET.get(CheckworthinessFilter.parameter_name) == "first":
            qs = desk.worth_checking_first(qs)
        qs = qs.order_by(*self.get_ordering(request)).select_related(
            "article__publisher", "speaker", "organisation", "reviewer", "assignee")
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
        can_link = getattr(obj, "can_review", False)
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
        return format_html('<a href="{}" target="_blank">{}</a>', reverse("public:detail", args=[obj.pk]), "Open the public page")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "status" in form.base_fields and (obj is None or obj.status != Claim.Status.CHECKED):
            # Publishing is a step of its own ("Publish…": a preview, warnings, a confirmation).
            field = form.base_fields["status"]
            field.choices = [(v, label) for v, label in field.choices if v != Claim.Status.CHECKED]
            field.help_text = "Checked, and so published: with “Publish…” at the top of the page."
        if "claim_reviewed" in form.base_fields and obj is not None:
            attrs = form.base_fields["claim_reviewed"].widget.attrs
            attrs["placeholder"] = claimreview.wording(obj)
            attrs["style"] = "width: 100%; max-width: 48rem; box-sizing: border-box"
        return form

    @admin.display(description="fact-checks")
    def matches_display(self, obj):
        can = getattr(obj, "can_review", False)
        return checked_already(obj, reverse("admin:articles_claim_match_feedback", args=[obj.pk]) if can else None)

    @admin.display(description="in other articles")
    def family_display(self, obj):
        can = getattr(obj, "can_review", False)
        return family_timeline(obj, reverse("admin:articles_claim_confirm", args=[obj.pk]) if can else None)

    @admin.display(description="history of the review")
    def history(self, obj):
        events = ReviewEvent.objects.filter(claim=obj).select_related("user")
        if not events:
            return "No changes yet."
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (e.at.strftime("%Y-%m-%d %H:%M:%S"), e.user.get_username() if e.user else "—",
             "; ".join(str(c) for c in history.describe(e.changes)))
            for e in events))
        return format_html('<table class="cdb-history"><tr><th>when</th><th>who</th><th>what</th></tr>{}</table>',
                           rows)

    def get_object(self, request, object_id, from_field=None):
        # The page's buttons depend on this request's rights: they travel with this request's object,
        # never on the ModelAdmin, which every request shares.
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj.can_review = self.has_change_permission(request, obj)
            obj.can_publish = obj.can_review and self.has_publish_permission(request, obj) and not obj.is_published
        return obj

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        hidden = set()
        if obj is None or not obj.is_published:  # corrections are of published checks
            hidden |= {*CORRECTION_FIELDS, "corrections_display"}
        if obj is None or not self.has_change_permission(request, obj):
            hidden |= {"version", *CORRECTION_FIELDS}  # read only (viewers) or a new claim: nothing to carry
        return [(name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]}) for name, opts in fieldsets]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:  # the admin's own transaction is rolled back: nothing of the save is kept
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (review.StaleClaim, review.CorrectionNeeded) as exc:  # changed between the form's check and the write
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    @admin.display(description="corrections and updates")
    def corrections_display(self, obj):
        return corrections.corrections_of(obj)

    def save_model(self, request, obj, form, change):
        review.editor_save(obj, request.user, form.changed_data, getattr(form, "correction", None))

    def save_related(self, request, form, formsets, change):
        before = {"mentioned_people": set(form.instance.mentioned_people.values_list("pk", flat=True)),
                  "mentioned_organisations": set(form.instance.mentioned_organisations.values_list("pk", flat=True))}
        super().save_related(request, form, formsets, change)
        review.record_mentions(form.instance, request.user, before)

    def save_formset(self, request, form, formset, change):
        if formset.model is ClaimLink:
            for link in formset.save(commit=False):
                if link.pk:
                    links.save_edited(link, request.user)
                else:
                    links.create_link(form.instance, link.target, link.relation, request.user, link.note)
            for link in formset.deleted_objects:
                links.delete_link(link, request.user)
        elif formset.model is EvidenceLink:
            old = list(form.instance.evidence.values_list("url", flat=True))
            formset.save()
            review.evidence_changed(form.instance, request.user, old, getattr(form, "correction", None))
        else:
            formset.save()

    def get_urls(self):
        return [path("<int:pk>/link/", self.admin_site.admin_view(self.link_view), name="articles_claim_link"),
                path("<int:pk>/confirm-verdict/", self.admin_site.admin_view(self.confirm_view),
                     name="articles_claim_confirm"),
                path("<int:pk>/assign-to-me/", self.admin_site.admin_view(self.assign_view),
                     name="articles_claim_assign_me"),
                path("<int:pk>/publish/", self.admin_site.admin_view(self.publish_view),
                     name="articles_claim_publish"),
                path("<int:pk>/match-feedback/", self.admin_site.admin_view(self.match_feedback_view),
                     name="articles_claim_match_feedback"),
                *super().get_urls()]

    def confirm_view(self, request, pk):
        """Take the verdict a checked appearance of the same statement suggests: a page saying what
        will be taken (and that the check is then public), and the editor's confirmation."""
        claim = get_object_or_404(Claim.objects.select_related("article"), pk=pk)
        if not self.has_change_permission(request, claim):
            self.message_user(request, "You may not review this claim.", messages.ERROR)
            return HttpResponseRedirect(admin_url(claim))
        source = families.suggested_verdict(claim)
        if request.method == "POST" and request.POST.get("confirm") == "yes":
            raw_version, raw_source = request.POST.get("version", ""), request.POST.get("source", "")
            try:
                taken = families.confirm_suggestion(
                    claim, request.user, version=int(raw_version) if raw_version.isdigit() else None,
                    source_id=int(raw_source) if raw_source.isdigit() and id_in_range(raw_source) else -1)
            except (review.StaleClaim, review.NotAllowed) as exc:  # changed meanwhile; may not publish
                self.message_user(request, str(exc), messages.ERROR)
            else:
                if taken:
                    self.message_user(request, f"Checked: {claim.get_verdict_display()}, as in the other appearance.",
                                      messages.SUCCESS)
                else:
                    self.message_user(request, "Nothing taken: the suggested verdict changed meanwhile, or no "
                                      "checked appearance suggests one any more.", messages.WARNING)
            return HttpResponseRedirect(admin_url(claim))
        if source is None:
            self.message_user(request, "No checked appearance suggests a verdict.", messages.WARNING)
            return HttpResponseRedirect(admin_url(claim))
        context = {
            **self.admin_site.each_context(request),
            "title": "Take this verdict?",
            "opts": self.model._meta,
            "original": claim,
            "claim": claim,
            "source": source,
            "rationale": claim.rationale or source.rationale,
            "evidence": list(source.evidence.all()),
        }
        return TemplateResponse(request, "admin/articles/claim/confirm_verdict.html", context)

    def publish_view(self, request, pk):
        """The publish step: a preview of the public page and its ClaimReview, what is missing, and
        the editor's confirmation (from the version previewed)."""
        claim = get_object_or_404(Claim.objects.select_related("article__publisher", "speaker", "organisation"),
                                  pk=pk)
        if not (self.has_change_permission(request, claim) and self.has_publish_permission(request, claim)):
            self.message_user(request, "You may not publish checks.", messages.ERROR)
            return HttpResponseRedirect(admin_url(claim))
        problems = publishing.problems(claim)
        if request.method == "POST" and request.POST.get("confirm") == "yes" and not problems:
            raw = request.POST.get("version", "")
            try:
                review.publish(claim, request.user, version=int(raw) if raw.isdigit() else -1)
            except review.StaleClaim as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, format_html('Published: <a href="{}" target="_blank">the public page</a>.',
                                                       reverse("public:detail", args=[claim.pk])), messages.SUCCESS)
            return HttpResponseRedirect(admin_url(claim))
        context = {
            **self.admin_site.each_context(request),
            "title": "Publish this check?",
            "opts": self.model._meta,
            "original": claim,
            "claim": claim,
            "problems": problems,
            "warnings": publishing.warnings(claim),
            "preview": publishing.preview(claim, request) if claim.verdict else None,
        }
        return TemplateResponse(request, "admin/articles/claim/publish.html", context)

    def assign_view(self, request, pk):
        """ "Assign to me": one click on the claim page (from the version the page showed)."""
        claim = get_object_or_404(Claim, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, claim):
            self.message_user(request, "You may not review this claim.", messages.ERROR)
            return HttpResponseRedirect(admin_url(claim))
        raw = request.POST.get("version", "")
        try:
            review.assign(claim, request.user, request.user, version=int(raw) if raw.isdigit() else None)
        except review.StaleClaim as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, "Assigned to you.", messages.SUCCESS)
        if request.GET.get("from") == "list":  # back to the list as it was (its filters and page)
            listed = request.META.get("HTTP_REFERER", "")
            changelist = reverse("admin:articles_claim_changelist")
            safe = url_has_allowed_host_and_scheme(listed, {request.get_host()}, request.is_secure())
            return HttpResponseRedirect(listed if safe and urlsplit(listed).path == changelist else changelist)
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
            obj.pk = links.save_edited(obj, request.user).pk
        else:
            obj.pk = links.create_link(obj.source, obj.target, obj.relation, request.user, obj.note).pk

    def delete_model(self, request, obj):
        links.delete_link(obj, request.user)


@admin.register(ReviewEvent)
class ReviewEventAdmin(RecordAdmin):
    list_display = ["claim", "user", "at", "changes"]
    list_select_related = ["claim", "user"]
    date_hierarchy = "at"


# Persons are searchable for autocomplete (the claim form's speaker and mentions).
__all__ = ["ClaimAdmin", "Person"]
