"""The admin site: its front page is the editors' desk, not Django's list of models."""
from __future__ import annotations

from django.contrib import admin

from articles.selectors import desk


class DeskAdminSite(admin.AdminSite):
    site_header = "ClaimsDB"
    site_title = "ClaimsDB"
    index_title = "Fact-checking desk"
    index_template = "admin/desk.html"

    def index(self, request, extra_context=None):
        context = {"desk": desk.figures(request.user), "recently_checked": desk.recently_checked(),
                   "activity": desk.recent_activity(), **(extra_context or {})}
        return super().index(request, context)

    def get_app_list(self, request, app_label=None):
        # Editors' models first; authentication (users, groups, tokens) last.
        apps = super().get_app_list(request, app_label)
        return sorted(apps, key=lambda a: a["app_label"] in ("auth", "authtoken"))
