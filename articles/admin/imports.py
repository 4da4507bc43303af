"""Import runs in the admin: each import's progress, counts and the error of every file or address
that failed (written by the import jobs and import_seeds as they go; read-only here)."""
from __future__ import annotations

from django.contrib import admin
from django.db.models import Case, When
from django.utils.html import format_html

from articles.admin.common import admin_url
from articles.models import ImportItem, ImportRun


class ImportItemInline(admin.TabularInline):
    """The run's files or addresses, failures first."""

    model = ImportItem
    fields = ["target", "status", "error", "article_link", "at"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = "Files and addresses (failures first)"

    def get_queryset(self, request):
        first = Case(When(status="failed", then=0), default=1)
        return super().get_queryset(request).select_related("article").annotate(first=first).order_by("first", "id")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="article")
    def article_link(self, obj):
        return format_html('<a href="{}">{}</a>', admin_url(obj.article), obj.article) if obj.article_id else "-"


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "progress", "created", "updated", "unchanged", "duplicates", "failed",
                    "started_at", "finished_at", "requested_by"]
    list_filter = ["status", "kind", "source"]
    search_fields = ["label", "items__target"]
    date_hierarchy = "started_at"
    list_select_related = ["requested_by", "source"]
    readonly_fields = ["kind", "label", "source", "requested_by", "status", "progress", "message", "started_at",
                       "finished_at", "total", "done", "created", "updated", "unchanged", "duplicates", "failed"]
    fields = readonly_fields
    inlines = [ImportItemInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="progress")
    def progress(self, obj):
        return f"{obj.done} / {obj.total}"
