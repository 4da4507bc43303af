"""The admin site: its front page is the editors' desk, not Django's list of models."""
from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.urls import reverse_lazy
from django.utils.text import Truncator

from articles.models import Claim
from articles.selectors import desk


class DeskAdminSite(admin.AdminSite):
    site_header = "ClaimsDB"
    site_title = "ClaimsDB"
    index_title = "Fact-checking desk"
    index_template = "admin/desk.html"
    # "View site": the public fact-checks (the site's root only redirects back to the admin).
    site_url = reverse_lazy("public:list")
    # The model sidebar costs a third of a 1400 px screen on every page; the desk and breadcrumbs lead.
    enable_nav_sidebar = False

    def index(self, request, extra_context=None):
        context = {"desk": desk.figures(request.user), "recently_checked": desk.recently_checked(),
                   "activity": desk.recent_activity(), **(extra_context or {})}
        return super().index(request, context)

    def autocomplete_view(self, request):
        return ClaimAutocomplete.as_view(admin_site=self)(request)

    def get_app_list(self, request, app_label=None):
        # Editors' models first; authentication (users, groups, tokens) last.
        apps = super().get_app_list(request, app_label)
        return sorted(apps, key=lambda a: a["app_label"] in ("auth", "authtoken"))


class ClaimAutocomplete(AutocompleteJsonView):
    """Claim choices say who said it and where: "“excerpt…” — Speaker, Article (date)"."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Claim):
            who = obj.speaker.name if obj.speaker_id else obj.speaker_text or "unknown speaker"
            result["text"] = (f"“{Truncator(obj.text).chars(70)}” — {who}, "
                              f"{Truncator(obj.article.title).chars(50)} ({obj.article.published})")
        return result
