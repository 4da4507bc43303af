"""Corrections on the record in the admin: the kind and reason a published check's change asks
for (on the claim form and for its evidence), the list of corrections, and the evidence archive."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles.models import ClaimCorrection, EvidenceArchive
from articles.selectors import corrections as corrections_read
from articles.services import corrections, evidence

from .common import RecordAdmin, admin_url

KIND_FIELD = "correction_kind"
REASON_FIELD = "correction_reason"
NEEDED = ("This check is published: a change of its verdict, rationale or evidence goes on the record. "
          "Say whether it is an update or a correction, and give the reason readers will see.")


def correction_fields() -> dict[str, forms.Field]:
    """The claim form's two fields (shown for a published check only)."""
    return {
        KIND_FIELD: forms.ChoiceField(
            label="On the record as", required=False, widget=forms.RadioSelect,
            choices=ClaimCorrection.Kind.choices,
            help_text="A correction puts a mistake right; an update adds what was learnt since."),
        REASON_FIELD: forms.CharField(
            label="Reason (shown to readers)", required=False, max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
            help_text="Needed when the verdict, rationale or evidence of this published check changes."),
    }


def form_correction(form, cleaned: dict) -> corrections.Correction:
    """The claim form's correction (kept on the form for the save), with an error on the reason
    when the verdict or rationale of a published check changed without one."""
    was = bool(form.instance.pk) and corrections.stored_published(form.instance.pk)
    correction = corrections.Correction(cleaned.get(KIND_FIELD) or "", cleaned.get(REASON_FIELD) or "",
                                        was_published=was)
    current = cleaned.get("version") == form.instance.version  # a stale form is refused by the write itself
    if current and corrections.needed(was, form.changed_data) and not correction.given:
        form.add_error(REASON_FIELD, NEEDED)
    return correction


class EvidenceFormSet(BaseInlineFormSet):
    """The evidence of a published check changes only with the claim form's kind and reason."""

    def clean(self):
        super().clean()
        claim = self.instance
        if claim.pk is None or not corrections.stored_published(claim.pk) or any(self.errors):
            return
        before = set(claim.evidence.values_list("url", flat=True)) if claim.pk else set()
        after = {f.cleaned_data["url"] for f in self.forms
                 if f.cleaned_data.get("url") and not (self.can_delete and self._should_delete_form(f))}
        if before == after:
            return
        given = corrections.Correction(self.data.get(KIND_FIELD, ""), self.data.get(REASON_FIELD, "")).given
        if not given:
            raise forms.ValidationError(NEEDED)


def archive_state(link) -> str:
    """One evidence link's archive, for the claim page's inline."""
    if not link.pk:
        return "-"
    row = EvidenceArchive.objects.filter(url=link.url).defer("body_gz").first()
    if row is None:
        return "Not archived yet (it is, shortly after saving)."
    if row.has_copy:
        checked = f"; checked {row.checked_at:%Y-%m-%d}: HTTP {row.check_status}" if row.check_status else ""
        broken = f"; checked {row.checked_at:%Y-%m-%d}: {row.check_error}" if row.check_error else ""
        return format_html('<a href="{}">copy</a> of {} ({} bytes){}{}', admin_url(row),
                           f"{row.fetched_at:%Y-%m-%d}", f"{row.size:,}", checked, broken)
    return format_html("No copy: {}", row.note)


def corrections_of(claim) -> str:
    rows = corrections_read.of_claim(claim) if claim.pk else []
    if not rows:
        return "None."
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{} {}: {} <em>({})</em></li>", (
        (c.get_kind_display(), f"{c.at:%Y-%m-%d %H:%M}", c.reason, corrections_read.what_changed(c)) for c in rows)))


@admin.register(ClaimCorrection)
class ClaimCorrectionAdmin(RecordAdmin):
    """Every correction and update on the record (written by the review services, never here)."""

    list_display = ["at", "kind", "claim_link", "reason", "changed", "user"]
    list_filter = ["kind"]
    list_select_related = ["claim", "user"]
    search_fields = ["reason"]
    date_hierarchy = "at"

    @admin.display(description="claim")
    def claim_link(self, obj):
        return format_html('<a href="{}">{}</a>', admin_url(obj.claim), obj.claim.text[:80])

    @admin.display(description="what changed")
    def changed(self, obj):
        return corrections_read.what_changed(obj)


@admin.register(EvidenceArchive)
class EvidenceArchiveAdmin(admin.ModelAdmin):
    """Evidence addresses with their stored copy and their last rot check."""

    list_display = ["url", "fetched_at", "http_status", "size", "checked_at", "check_status", "check_error"]
    list_filter = ["check_status"]
    search_fields = ["url"]
    readonly_fields = ["url", "final_url", "fetched_at", "http_status", "content_type", "sha256", "size", "note",
                       "checked_at", "check_status", "check_error", "copy"]
    exclude = ["body_gz"]
    actions = ["check_now"]

    @admin.display(description="stored copy")
    def copy(self, obj):
        if not obj.has_copy:
            return "None."
        return format_html('<a href="{}" target="_blank" rel="noopener">Open the copy</a> (served sandboxed, '
                           "only while a published check cites it)", reverse("public:archived_copy", args=[obj.pk]))

    @admin.action(description="Archive again and check now", permissions=["archive"])
    def check_now(self, request, queryset):
        kept = sum(1 for row in queryset if evidence.archive(row.url).has_copy)
        self.message_user(request, f"{kept} of {queryset.count()} addresses copied.", messages.SUCCESS)

    def has_archive_permission(self, request) -> bool:
        """Editors (who change claims and their evidence) may fetch the copies again."""
        return request.user.has_perm("articles.change_claim")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
