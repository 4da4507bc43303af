"""The admin site: its front page is the editors' desk, not Django's list of models."""
from __future__ import annotations

import functools

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.http import HttpResponse
from django.utils.text import Truncator

from articles.models import Claim
from articles.selectors import desk
from articles.services import retry

_FORM_VIEWS = {"add_view", "change_view", "delete_view"}


class DeskAdminSite(admin.AdminSite):
    site_header = "ClaimsDB"
    site_title = "ClaimsDB"
    index_title = "Fact-checking desk"
    index_template = "admin/desk.html"
    # The model sidebar costs a third of a 1400 px screen on every page; the desk and breadcrumbs lead.
    enable_nav_sidebar = False

    def admin_view(self, view, cacheable=False):
        """Saves and deletes (one transaction each, as Django's admin runs them) are run again whole
        when the database asks for it (a lock or deadlock with an import): never a 500 for that."""
        wrapped = super().admin_view(view, cacheable)
        if getattr(view, "__name__", "") not in _FORM_VIEWS:
            return wrapped

        @functools.wraps(wrapped)
        def retried(request, *args, **kwargs):
            if request.method != "POST":
                return wrapped(request, *args, **kwargs)
            try:
                return retry.run(wrapped, request, *args, **kwargs)
            except retry.Busy:
                return HttpResponse("The database stayed busy (an import is running): nothing was saved. "
                                    "Go back and save again.", status=503, content_type="text/plain")

        return retried

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
