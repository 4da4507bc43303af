"""Web pages in: the snapshots of the HTML each web article was read from."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles.ingestion import jobs
from articles.models import ImportRun, PageSnapshot, Source
from articles.services import web


class AddressForm(forms.Form):
    url = forms.URLField(label="Web address", max_length=2000, assume_scheme="https",
                         widget=forms.URLInput(attrs={"size": 90, "autofocus": True,
                                                      "placeholder": "https://news.example.org/2019/story"}))


class AddFromURLMixin:
    """On the articles admin: "Add article from URL" (fetched, read and stored like import_seeds
    does an address). Editors may: it is an import, as re-running extraction is (change permission)."""

    def get_urls(self):
        return [path("from-url/", self.admin_site.admin_view(self.from_url_view), name="articles_article_from_url"),
                *super().get_urls()]

    def from_url_view(self, request):
        if not request.user.has_perm("articles.change_article"):
            raise PermissionDenied
        form = AddressForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            run = jobs.submit_address(form.cleaned_data["url"], request.user)
            item = run.items.select_related("article").first()
            if item is None:  # queued for a worker: its progress is on the run's page
                self.message_user(request, f"Queued: import run #{run.pk}.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:articles_importrun_change", args=[run.pk]))
            if item.status == "failed" or item.article is None:
                form.add_error("url", item.error or "an article with the same text is stored under another address")
            else:
                claims = item.article.claims.count()
                self.message_user(request, f"Article {item.status} ({claims} claims).", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[item.article_id]))
        context = {**self.admin_site.each_context(request), "title": "Add article from URL", "form": form,
                   "opts": self.model._meta}
        return TemplateResponse(request, "admin/articles/article/from_url.html", context)


def _html_link(obj) -> str:
    if not obj.pk:
        return "-"
    return format_html('<a href="{}">HTML ({} bytes)</a>', reverse("admin:articles_pagesnapshot_html", args=[obj.pk]),
                       f"{obj.size:,}")


class PageSnapshotInline(admin.TabularInline):
    """On an article's page: the HTML it was read from, each version fetched."""

    model = PageSnapshot
    fields = ["snapshot", "fetched_at", "http_status", "final_url", "canonical_url", "html"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = "Web page snapshots (the HTML as fetched)"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="snapshot")
    def snapshot(self, obj):
        return format_html('<a href="{}">#{}</a>', reverse("admin:articles_pagesnapshot_change", args=[obj.pk]), obj.pk)

    @admin.display(description="HTML")
    def html(self, obj):
        return _html_link(obj)


@admin.register(PageSnapshot)
class PageSnapshotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "http_status", "fetched_at", "size"]
    list_select_related = ["article"]
    search_fields = ["final_url", "canonical_url", "article__title"]
    date_hierarchy = "fetched_at"
    readonly_fields = ["article_link", "url", "final_url", "canonical_url", "http_status", "fetched_at", "content_type",
                       "sha256", "size", "language", "author", "metadata", "html"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="article")
    def article_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[obj.article_id]),
                           obj.article)

    @admin.display(description="HTML")
    def html(self, obj):
        return _html_link(obj)

    def get_urls(self):
        return [path("<int:pk>/html/", self.admin_site.admin_view(self.html_view), name="articles_pagesnapshot_html"),
                *super().get_urls()]

    def html_view(self, request, pk):
        """The stored HTML as plain text (a download: never rendered, so the page's scripts never run here)."""
        snap = get_object_or_404(PageSnapshot, pk=pk)
        if not self.has_view_permission(request, snap):
            return HttpResponse(status=403)
        resp = HttpResponse(web.snapshot_html(snap), content_type="text/plain; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="snapshot-{snap.pk}.html"'
        resp["X-Content-Type-Options"] = "nosniff"
        return resp


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """News feeds polled for new articles (manage.py poll_sources; "Poll now" here)."""

    list_display = ["name", "kind", "enabled", "poll_minutes", "last_fetch_at", "next_fetch_at", "last_status",
                    "articles_created", "duplicates", "failures", "error"]
    list_filter = ["enabled", "kind"]
    search_fields = ["name", "feed_url"]
    raw_id_fields = ["publisher"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["last_fetch_at", "last_status", "last_error", "etag", "last_modified", "polls", "items_seen",
                       "articles_created", "articles_updated", "duplicates", "failures"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "feed_url", "publisher", "poll_minutes", "enabled", "next_fetch_at"]}),
        ("Last poll", {"fields": ["last_fetch_at", "last_status", "last_error", "etag", "last_modified"]}),
        ("Counts, all polls", {"fields": ["polls", "items_seen", "articles_created", "articles_updated", "duplicates",
                                          "failures"]}),
    ]
    actions = ["poll_now"]

    @admin.display(description="last error")
    def error(self, obj):
        return (obj.last_error[:80] + "…") if len(obj.last_error) > 80 else obj.last_error

    @admin.action(description="Poll the selected sources now", permissions=["change"])
    def poll_now(self, request, queryset):
        for source in queryset:
            r = jobs.submit_poll(source.pk, request.user)
            if r is None:  # queued for a worker
                self.message_user(request, f"{source.name}: poll queued (see Import runs).", messages.SUCCESS)
                continue
            run = ImportRun.objects.filter(pk=r.get("run")).first() or ImportRun()
            level = (messages.ERROR if r["status"] == "failed" else messages.WARNING if run.failed
                     else messages.SUCCESS)
            text = (f"{source.name}: {r.get('error')}" if r["status"] == "failed" else f"{source.name}: {r['status']}"
                    if r["status"] in ("not modified", "skipped") else
                    f"{source.name}: {r['items']} items, {r['new']} new, {run.created} created, "
                    f"{run.duplicates} duplicates, {run.failed} failed")
            self.message_user(request, text, level)
