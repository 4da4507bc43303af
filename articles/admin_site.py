"""The admin site: its front page is the editors' desk, not Django's list of models."""
from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.http import HttpResponse
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.utils.text import Truncator
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

from articles.models import Claim
from articles.selectors import desk
from articles.services import retry

_FORM_VIEWS = {"add_view", "change_view", "delete_view"}


class TwoFactorLoginForm(OTPAdminAuthenticationForm):
    """django-otp's admin login, without a device to pick when the user has one (enrol_totp keeps one)."""

    def clean(self):
        self.cleaned_data = AdminAuthenticationForm.clean(self)  # the password (and axes' lockout)
        user = self.get_user()
        if user is not None and not self.cleaned_data.get("otp_device"):
            devices = list(devices_for_user(user))
            if len(devices) == 1:
                self.cleaned_data["otp_device"] = devices[0].persistent_id
        self.clean_otp(user)
        return self.cleaned_data


class DeskAdminSite(admin.AdminSite):
    site_header = "ClaimsDB"
    site_title = "ClaimsDB"
    index_title = "Fact-checking desk"
    index_template = "admin/desk.html"
    # "View site": the public fact-checks (the site's root only redirects back to the admin).
    site_url = reverse_lazy("public:list")
    # The model sidebar costs a third of a 1400 px screen on every page; the desk and breadcrumbs lead.
    enable_nav_sidebar = False

    # Two-factor login (django-otp's admin form and template) when CLAIMSDB_REQUIRE_2FA is on; read per
    # request, so that the setting can change without a new site.
    @property
    def login_form(self):
        return TwoFactorLoginForm if settings.CLAIMSDB_REQUIRE_2FA else AdminAuthenticationForm

    @property
    def login_template(self):
        return OTPAdminSite.login_template if settings.CLAIMSDB_REQUIRE_2FA else None

    def has_permission(self, request):
        # With 2FA required, a session not verified by a code (e.g. from before) is sent to the login.
        return super().has_permission(request) and (not settings.CLAIMSDB_REQUIRE_2FA or request.user.is_verified())

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
        figures = {group: [self.desk_link(f) for f in items] for group, items in desk.figures(request.user).items()}
        context = {"desk": figures, "recently_checked": desk.recently_checked(),
                   "activity": desk.recent_activity(), **(extra_context or {})}
        return super().index(request, context)

    def get_urls(self):
        from django.urls import path

        from articles.admin.balance import balance_view

        return [path("balance/", self.admin_view(functools.partial(balance_view, self)), name="balance"),
                *super().get_urls()]

    # The claims list's column behind each order a desk figure names.
    DESK_ORDER_COLUMNS = {"confidence": "confidence_display"}

    def desk_link(self, figure: desk.Figure) -> dict:
        """A desk figure with the address of the claims list it opens (its filters, its order as
        the changelist's column position)."""
        params = dict(figure.filters)
        if figure.order:
            columns = list(self._registry[Claim].list_display)
            params["o"] = str(columns.index(self.DESK_ORDER_COLUMNS[figure.order]) + 1)
        url = f"{reverse('admin:articles_claim_changelist')}?{urlencode(params)}"
        return {"label": figure.label, "count": figure.count, "hint": figure.hint, "url": url}

    def autocomplete_view(self, request):
        return ClaimAutocomplete.as_view(admin_site=self)(request)

    def get_app_list(self, request, app_label=None):
        # Editors' models first; authentication (users, groups, tokens, login failures, devices) last.
        apps = super().get_app_list(request, app_label)
        return sorted(apps, key=lambda a: a["app_label"] in ("auth", "authtoken", "knox", "axes", "otp_totp"))


class ClaimAutocomplete(AutocompleteJsonView):
    """Claim choices say who said it and where: "“excerpt…” — Speaker, Article (date)"."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Claim):
            who = obj.speaker.name if obj.speaker_id else obj.speaker_text or "unknown speaker"
            result["text"] = (f"“{Truncator(obj.text).chars(70)}” — {who}, "
                              f"{Truncator(obj.article.title).chars(50)} ({obj.article.published})")
        return result
