from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from articles.entities import merge
from articles.entities import services as entities
from articles.ingestion import persistence
from articles.models import (
    PUBLISHED,
    Affiliation,
    Article,
    Claim,
    Mention,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Statistic,
)
from articles.selectors import search
from articles.selectors.mentions import mentions_of
from articles.selectors.record import speaker_record

from .common import CappedCountPaginator, FarDatesChangeList, NumbersAsWritten, StatisticInline, admin_url
from .highlight import Span, legend, render_blocks
from .identity import IdentityToolsMixin, not_a_action
from .web import AddFromURLMixin, PageSnapshotInline


def merge_action(model_label: str, merge_function, permission: str):
    """An admin action: pick the record to keep among the selected ones, then merge the others into it."""

    def action(modeladmin, request, queryset):
        if not request.user.has_perm(permission):
            modeladmin.message_user(request, "You may not merge records.", messages.ERROR)
            return None
        counts = dict(queryset.annotate(n=Count("claims")).values_list("pk", "n"))
        # The record with the most claims first and pre-selected: the real one, not a stray alias.
        records = sorted(queryset, key=lambda r: (-counts.get(r.pk, 0), r.name))
        if len(records) < 2:
            modeladmin.message_user(request, "Select at least two records to merge.", messages.WARNING)
            return None
        if request.POST.get("confirm") == "yes":
            keep = next((r for r in records if str(r.pk) == request.POST.get("keep")), None)
            if keep is None:
                modeladmin.message_user(request, "Choose the record to keep.", messages.ERROR)
            else:
                others = [r for r in records if r.pk != keep.pk]
                merge_function(keep, others, request.user)
                modeladmin.message_user(request, format_html(
                    'Merged {} into <a href="{}">{}</a>. The merge can be undone from its page.',
                    ", ".join(o.name for o in others), admin_url(keep), keep.name), messages.SUCCESS)
                return None
        moves = merge.preview(records)
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": f"Merge {model_label}",
            "records": [(r, counts.get(r.pk, 0), ", ".join(a.name for a in r.aliases.all()[:8]),
                         ", ".join(f"{n} {k}" for k, n in moves[r.pk].items() if n) or "nothing")
                        for r in records],
            "opts": modeladmin.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": request.POST.get("action"),
        }
        return TemplateResponse(request, "admin/articles/merge.html", context)

    action.short_description = f"Merge selected {model_label}…"
    action.__name__ = "merge_selected"
    return action


class EntityForm(forms.ModelForm):
    """A new or changed name is checked by the service that renames (entities.services): a name
    another record holds is a form error saying to merge instead."""

    def clean_name(self):
        name = self.cleaned_data["name"]
        if self.instance.pk and name == self.instance.name:
            return name
        check = entities.check_person_name if self._meta.model is Person else entities.check_organisation_name
        try:
            check(self.instance if self.instance.pk else None, name)
        except entities.NameTaken as e:
            raise forms.ValidationError(str(e)) from None
        return name


class AliasFormSet(forms.BaseInlineFormSet):
    """Each new or changed alias is checked by the service that saves it: another record's name,
    or a full name another person holds, is a form error saying to merge instead."""

    def clean(self):
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not form.has_changed() or not data.get("name"):
                continue
            try:
                if self.model is PersonAlias:
                    entities.check_person_alias(self.instance, data["name"], bool(data.get("is_name")))
                else:
                    entities.check_organisation_alias(self.instance, data["name"])
            except entities.NameTaken as e:
                form.add_error("name", str(e))


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    formset = AliasFormSet
    extra = 1
    fields = ["name", "is_name"]


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    fk_name = "person"
    extra = 1
    fields = ["role", "organisation", "article", "start_date", "end_date"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["article"]


class EntityAdmin(IdentityToolsMixin, admin.ModelAdmin):
    """What the people and organisation pages share: claim counts, aliases, search over aliases,
    keys kept in step with names, and the merge action."""

    form = EntityForm
    search_fields = ["name"]  # widened to aliases in get_search_results
    readonly_fields = ["claims_count", "recent_claims", "identity_tools", "merge_history", "record", "mentions",
                       "public_page"]
    paginator = CappedCountPaginator
    show_full_result_count = False
    search_function = None  # selectors.search function over names and aliases

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_claims=Count("claims", distinct=True)).prefetch_related("aliases")

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return type(self).search_function(queryset, search_term.strip()), False

    @admin.display(description="claims", ordering="n_claims")
    def claims_count(self, obj):
        param = "speaker" if self.model is Person else "organisation"
        return format_html('<a href="/admin/articles/claim/?{}={}">{}</a>', param, obj.pk, obj.n_claims)

    @admin.display(description="identity")
    def identity_tools(self, obj):
        if not obj.pk:
            return "—"
        what = "person" if self.model is Person else "organisation"
        split = format_html('<a class="button" href="{}split/">Split names off…</a> ', admin_url(obj)) \
            if self.model is Person else ""
        return format_html('{}<a class="button" href="{}reject/">Not a {}…</a>', split, admin_url(obj), what)

    @admin.display(description="record")
    def record(self, obj):
        if not obj.pk:
            return "—"
        r = speaker_record(obj, limit=10)
        counts = format_html_join(" · ", "{}: <b>{}</b>", ((label, r["verdicts"][value])
                                                         for value, label in Claim.Verdict.choices))
        rows = format_html_join("", '<li><a href="{}">{}</a> — {}</li>', (
            (c["public_url"], c["claim_reviewed"][:100], dict(Claim.Verdict.choices)[c["verdict"]])
            for c in r["checked_claims"]))
        return format_html("<p>{} claims, {} checked ({}), first seen {}, last seen {}.</p><ul>{}</ul>",
                           r["claims"], r["checked"], counts, r["first_seen"] or "—", r["last_seen"] or "—", rows)

    @admin.display(description="mentioned in")
    def mentions(self, obj):
        """The articles that name the record (the first mention in its words) and the claims that
        mention it: not only the claims it made (selectors.mentions)."""
        if not obj.pk:
            return "—"
        m = mentions_of(obj)
        if not m.article_count and not m.claim_count:
            return "No article names this record."
        articles = format_html_join("", '<li><a href="{}">{}</a> ({}) — {}×: “{}<mark>{}</mark>{}”</li>', (
            (reverse("admin:articles_article_change", args=[a.article_id]), Truncator(a.title).chars(80), a.published,
             a.count, a.before, a.text, a.after) for a in m.articles))
        claims = format_html_join("", '<li><a href="{}">{}</a> — {}, {}</li>', (
            (admin_url(c), Truncator(c.text).chars(100),
             c.speaker.name if c.speaker_id else c.organisation.name if c.organisation_id else c.speaker_text or "?",
             c.published) for c in m.claims))
        return format_html(
            '<div class="cdb-mentions"><p>Named {} times in {} article(s); mentioned in {} claim(s).</p>'
            "<h4>Articles{}</h4><ul>{}</ul><h4>Claims that mention it{}</h4><ul>{}</ul></div>",
            m.mention_count, m.article_count, m.claim_count, _more(m.articles, m.article_count), articles,
            _more(m.claims, m.claim_count), claims or format_html("<li>{}</li>", "None."))

    @admin.display(description="public page")
    def public_page(self, obj):
        if not obj.pk:
            return "—"
        field = "speaker" if self.model is Person else "organisation"
        if not Claim.objects.filter(PUBLISHED, **{field: obj}).exists():
            return "None yet: it appears once one of its claims is checked and published."
        url = reverse("public:person" if self.model is Person else "public:organisation", args=[obj.pk])
        return format_html('<a href="{}" id="cdb-public-page">{}</a>', url, url)

    @admin.display(description="merges")
    def merge_history(self, obj):
        rows = obj.merges.select_related("created_by", "undone_by") if obj.pk else []
        if not rows:
            return "No records merged into this one."
        can = getattr(obj, "can_merge", False)
        items = []
        for m in rows:
            what = ", ".join(f"{n} {k}" for k, n in m.moved.items() if n) or "nothing"
            who = m.created_by.get_username() if m.created_by else "import"
            if m.undone_at:
                state = format_html(" — undone {}", m.undone_at.strftime("%Y-%m-%d %H:%M"))
            elif can:
                url = reverse(f"admin:articles_{self.model._meta.model_name}_undo_merge", args=[obj.pk, m.pk])
                state = format_html(' <button type="submit" class="button" formaction="{}">Undo</button>', url)
            else:
                state = ""
            items.append(format_html("<li>{}: merged <b>{}</b> ({}) by {}{}</li>", m.created_at.strftime("%Y-%m-%d %H:%M"),
                                     ", ".join(m.merged_names), what, who, state))
        return format_html("<ul>{}</ul>", format_html_join("", "{}", ((i,) for i in items)))

    def has_merge_permission(self, request) -> bool:
        return request is not None and request.user.has_perm(self.merge_permission)

    def get_object(self, request, object_id, from_field=None):
        # The page's Undo buttons depend on this request's rights: they travel with this request's
        # object, never on the ModelAdmin, which every request shares.
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj.can_merge = self.has_merge_permission(request)
        return obj

    def get_urls(self):
        name = self.model._meta.model_name
        return [path("<int:pk>/undo-merge/<int:merge_id>/", self.admin_site.admin_view(self.undo_merge_view),
                     name=f"articles_{name}_undo_merge"), *super().get_urls()]

    def undo_merge_view(self, request, pk, merge_id):
        """Undo a merge from the kept record's page: the merged records come back with what they had."""
        obj = get_object_or_404(self.model, pk=pk)
        record = obj.merges.filter(pk=merge_id).first()
        if request.method != "POST" or not self.has_merge_permission(request) or record is None:
            self.message_user(request, "You may not undo this merge.", messages.ERROR)
            return HttpResponseRedirect(admin_url(obj))
        try:
            restored = merge.undo(record, request.user)
        except merge.UndoError as exc:
            self.message_user(request, f"Not undone: {exc}.", messages.ERROR)
        else:
            self.message_user(request, format_html("Undone: {} restored.", format_html_join(
                ", ", '<a href="{}">{}</a>', ((admin_url(r), r.name) for r in restored))), messages.SUCCESS)
        return HttpResponseRedirect(admin_url(obj))

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return ", ".join(a.name for a in obj.aliases.all()[:6])

    def save_model(self, request, obj, form, change):
        # Names and aliases go through the identity services, as in the API: the key follows the name.
        if not change or "name" in form.changed_data:
            (entities.rename_person if self.model is Person else entities.rename_organisation)(obj, obj.name)
        else:
            obj.save()

    def save_formset(self, request, form, formset, change):
        if formset.model not in (PersonAlias, OrganisationAlias):
            return super().save_formset(request, form, formset, change)
        rows = formset.save(commit=False)
        for row in formset.deleted_objects:
            row.delete()
        for row in rows:
            if isinstance(row, PersonAlias):
                entities.save_person_alias(form.instance, row.name, row.is_name, row)
            else:
                entities.save_organisation_alias(form.instance, row.name, row)
        return None


@admin.register(Person)
class PersonAdmin(EntityAdmin):
    list_display = ["name", "claims_count", "alias_list", "gender"]
    list_filter = ["gender"]
    inlines = [PersonAliasInline, AffiliationInline]
    fields = ["name", "gender", "description", "claims_count", "public_page", "record", "recent_claims", "mentions",
              "identity_tools", "merge_history"]
    actions = [merge_action("people", merge.merge_people, "articles.merge_person"), not_a_action(Person)]
    merge_permission = "articles.merge_person"
    search_function = search.search_people

    @admin.display(description="latest claims")
    def recent_claims(self, obj):
        return claim_list(Claim.objects.filter(speaker=obj))


def _more(shown: list, total: int) -> str:
    return format_html(" ({} newest shown)", len(shown)) if total > len(shown) else ""


def claim_list(qs, limit=20):
    rows = qs.select_related("article").order_by("-article__published", "start")[:limit]
    if not rows:
        return "—"
    return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a> ({})</li>', (
        (admin_url(c), Truncator(c.text).chars(100), c.article.published) for c in rows)))


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    formset = AliasFormSet
    extra = 1
    fields = ["name"]


class OrgAffiliationInline(admin.TabularInline):
    model = Affiliation
    fk_name = "organisation"
    extra = 0
    fields = ["person", "role", "article"]
    autocomplete_fields = ["person"]
    readonly_fields = ["article"]


@admin.register(Organisation)
class OrganisationAdmin(EntityAdmin):
    list_display = ["name", "kind", "claims_count", "alias_list"]
    list_filter = ["kind"]
    inlines = [OrganisationAliasInline, OrgAffiliationInline]
    fields = ["name", "kind", "description", "claims_count", "public_page", "record", "recent_claims", "mentions",
              "identity_tools", "merge_history"]
    actions = [merge_action("organisations", merge.merge_organisations, "articles.merge_organisation"),
               not_a_action(Organisation)]
    merge_permission = "articles.merge_organisation"
    search_function = search.search_organisations

    @admin.display(description="latest claims by its sources")
    def recent_claims(self, obj):
        return claim_list(Claim.objects.filter(organisation=obj))


class ArticleClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    fields = ["excerpt", "kind", "speaker", "organisation", "status", "verdict"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    @admin.display(description="claim")
    def excerpt(self, obj):
        return Truncator(obj.text).chars(120)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker", "organisation")


@admin.register(Article)
class ArticleAdmin(AddFromURLMixin, admin.ModelAdmin):
    list_display = ["title", "publisher", "published", "claims_count", "word_count", "source_file"]
    list_filter = [("publisher", admin.RelatedOnlyFieldListFilter)]
    date_hierarchy = "published"
    search_fields = ["title", "source_file"]
    list_select_related = ["publisher"]
    readonly_fields = ["highlighted_body", "title", "published", "publisher", "source_file", "sha256", "word_count",
                       "extractor_version", "imported_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "published", "publisher", "source_url", "source_file"]}),
        ("Text, with every claim and statistic", {"fields": ["highlighted_body"]}),
        ("Import", {"fields": ["sha256", "word_count", "extractor_version", "imported_at", "updated_at"],
                    "classes": ["collapse"]}),
    ]
    inlines = [ArticleClaimInline, StatisticInline, PageSnapshotInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["reextract"]
    paginator = CappedCountPaginator
    show_full_result_count = False


    def get_changelist(self, request, **kwargs):
        return FarDatesChangeList
    def get_queryset(self, request):
        # A correlated count per listed article (no GROUP BY over every column, the body included),
        # and bodies stay in the database until a change page needs one.
        qs = super().get_queryset(request)
        counts = (Claim.objects.filter(article=OuterRef("pk")).order_by().values("article")
                  .annotate(n=Count("pk")).values("n"))
        qs = qs.annotate(n_claims=Coalesce(Subquery(counts), 0))
        return qs.defer("body") if request.resolver_match and request.resolver_match.url_name.endswith(
            "changelist") else qs

    @admin.display(description="claims", ordering="n_claims")
    def claims_count(self, obj):
        return format_html('<a href="{}?article={}">{}</a>', reverse("admin:articles_claim_changelist"), obj.pk,
                           obj.n_claims)

    @admin.display(description="text")
    def highlighted_body(self, obj):
        spans = [Span(c.start, c.end, f"cdb-{c.kind}", admin_url(c),
                      f"{c.speaker.name if c.speaker_id else c.speaker_text}: {Truncator(c.text).chars(80)}")
                 for c in obj.claims.select_related("speaker")]
        spans += [Span(s.start, s.end, "cdb-stat", admin_url(s), s.text) for s in obj.statistics.all()]
        return format_html("{}{}", legend(), render_blocks(obj.body, obj.paragraphs, spans))

    @admin.action(description="Re-run extraction on selected articles (keeps editors' work)", permissions=["change"])
    def reextract(self, request, queryset):
        totals = {"claims": 0, "statistics": 0}
        for article in queryset:
            counts = persistence.reextract(article)
            for k in totals:
                totals[k] += counts[k]
        self.message_user(request, f"Re-extracted {queryset.count()} article(s): {totals['claims']} claims, "
                          f"{totals['statistics']} statistics.", messages.SUCCESS)


@admin.register(Statistic)
class StatisticAdmin(NumbersAsWritten, admin.ModelAdmin):
    list_display = ["text", "value_shown", "unit", "previous_shown", "qualifier", "article"]
    list_filter = ["unit"]
    search_fields = ["text", "measure"]
    list_select_related = ["article"]
    autocomplete_fields = ["claim"]
    readonly_fields = ["sentence", "text", "article", "start", "end"]
    fields = ["sentence", "text", "value", "unit", "currency", "qualifier", "previous_value", "upper_value", "measure",
              "period", "claim", "article", "start", "end"]
    paginator = CappedCountPaginator
    show_full_result_count = False

    @admin.display(description="in its sentence")
    def sentence(self, obj):
        body = obj.article.body
        start = max(body.rfind(". ", 0, obj.start) + 2, body.rfind("\n", 0, obj.start) + 1, 0)
        ends = [i for i in (body.find(". ", obj.end), body.find("\n", obj.end)) if i >= 0]
        end = min(ends) + 1 if ends else len(body)
        return format_html("{}<mark class='cdb-stat'>{}</mark>{}", body[start:obj.start], body[obj.start:obj.end],
                           body[obj.end:end])

    def save_model(self, request, obj, form, change):
        obj.edited = True  # re-imports keep an editor's corrections
        obj.save()


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["text", "person", "organisation", "article", "start"]
    list_select_related = ["person", "organisation", "article"]
    search_fields = ["text"]
    paginator = CappedCountPaginator
    show_full_result_count = False

    def has_add_permission(self, request):
        return False
