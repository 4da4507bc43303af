"""Claim matching and claim families in the admin: the fact-check library, the families, and the
pieces the claim page and claims list show ("Possibly checked already", "Checked claim repeated")."""
from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from articles.models import Claim, ClaimFamily, ClaimMatch, FactCheck
from articles.selectors import claim_filters, claims
from articles.services import factchecks, families

from .common import admin_url


class MatchFilter(admin.SimpleListFilter):
    title = "possibly checked already"
    parameter_name = "matched"

    def lookups(self, request, model_admin):
        return [("confident", "Confident match"), ("suggested", "Suggested or confident"), ("none", "No match")]

    def queryset(self, request, qs):
        return claim_filters.matched(qs, self.value()) if self.value() in claim_filters.MATCHED else qs


class RepeatedFilter(admin.SimpleListFilter):
    title = "checked claim repeated"
    parameter_name = "repeated"

    def lookups(self, request, model_admin):
        return [("yes", "Not checked here, checked in another article")]

    def queryset(self, request, qs):
        return claim_filters.repeated(qs) if self.value() == "yes" else qs


def checked_already(claim: Claim, feedback_url: str | None = None) -> str:
    """The claim page's "Possibly checked already: … — Snopes, rated False", with the editors'
    "Not this check" / "This is the check" buttons when ``feedback_url`` is given."""
    rows = claims.matches_of(claim)
    if not rows:
        return "No fact-check in the library matches this claim."

    def buttons(m) -> str:
        if not feedback_url:
            return ""
        return format_html(
            ' <button type="submit" class="button" formaction="{}?factcheck={}&amp;verdict=rejected">Not this check</button>'
            ' <button type="submit" class="button" formaction="{}?factcheck={}&amp;verdict=confirmed">This is the check</button>',
            feedback_url, m.factcheck_id, feedback_url, m.factcheck_id)

    return format_html("<ul class=\"cdb-matches\">{}</ul>", format_html_join("", (
        '<li><b>{}</b> “<a href="{}" rel="noopener" target="_blank">{}</a>” — {}{} '
        '<small>({}, <a href="{}">library entry</a>)</small>{}</li>'), (
        ("Possibly checked already:" if m.level == ClaimMatch.Level.SUGGESTED else "Checked already:",
         m.factcheck.url, Truncator(m.factcheck.claim_reviewed).chars(140), m.factcheck.publisher or "unknown publisher",
         f", rated {m.factcheck.rating}" if m.factcheck.rating else "", f"{m.score:.0%}", admin_url(m.factcheck),
         buttons(m))
        for m in rows)))


def family_timeline(claim: Claim, confirm_url: str | None) -> str:
    """Every appearance of the claim's statement in date order, and the verdict another suggests."""
    if not claim.family_id:
        return "Not seen in other articles."
    rows = (claim.family.appearances.select_related("article__publisher", "speaker")
            .defer("article__body", "article__paragraphs").order_by("published", "id"))
    items = format_html_join("", "<tr><td>{}</td><td>{}</td><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td></tr>", (
        (a.published, a.article.publisher.name if a.article.publisher_id else "—", admin_url(a),
         Truncator(a.article.title).chars(70) + (" (this claim)" if a.pk == claim.pk else ""),
         a.speaker.name if a.speaker_id else a.speaker_text, a.get_verdict_display() or a.get_status_display())
        for a in rows))
    table = format_html('<table class="cdb-family"><tr><th>date</th><th>outlet</th><th>article</th><th>speaker</th>'
                        "<th>verdict</th></tr>{}</table>", items)
    source = families.suggested_verdict(claim)
    if source is None:
        return table
    button = format_html(' <a class="button" href="{}">Take this verdict…</a>', confirm_url) if confirm_url else ""
    return format_html('{}<p class="cdb-suggested">Suggested verdict: <b>{}</b>, from the check of '
                       '<a href="{}">the {} appearance</a>.{}</p>', table, source.get_verdict_display(),
                       admin_url(source), source.published, button)


@admin.register(FactCheck)
class FactCheckAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "rating", "publisher", "date_published", "ours"]
    list_filter = ["language", "date_published"]
    search_fields = ["claim_reviewed", "title", "url", "publisher"]
    readonly_fields = ["url", "raw", "claim", "created_at", "updated_at"]
    exclude = ["vectors", "dense"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("vectors", "dense")

    def save_model(self, request, obj, form, change):
        factchecks.save_edited(obj)  # its vectors, then indexed and matched on commit

    def delete_model(self, request, obj):
        factchecks.delete_edited(FactCheck.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        factchecks.delete_edited(queryset)

    @admin.display(description="claim reviewed", ordering="id")
    def excerpt(self, obj):
        return Truncator(obj.claim_reviewed).chars(110)

    @admin.display(description="ours", boolean=True)
    def ours(self, obj):
        return obj.claim_id is not None


class AppearanceInline(admin.TabularInline):
    model = Claim
    fk_name = "family"
    fields = ["text", "article", "published", "speaker", "status", "verdict"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "speaker").order_by("published", "id")


@admin.register(ClaimFamily)
class ClaimFamilyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "appearance_count", "created_at"]
    inlines = [AppearanceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("appearances"))

    @admin.display(description="appearances", ordering="n")
    def appearance_count(self, obj):
        return obj.n
