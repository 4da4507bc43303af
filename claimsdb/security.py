"""Site-wide security glue: the client address rule and the answer to a locked-out login."""
from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest) -> str:
    """The client's address as the API rate limit sees it: the connection's, or the X-Forwarded-For
    entry NUM_PROXIES trusted proxies added (a client cannot pick its own address)."""
    return BaseThrottle().get_ident(request)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """Too many failed logins: 429 with Retry-After; JSON for the API, a page for the admin."""
    minutes = settings.AXES_COOLOFF_TIME.total_seconds() / 60
    message = (f"Too many failed logins for this account or from this address. "
               f"Try again in {minutes:g} minutes.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message, "code": "throttled"}, status=429)  # the API's envelope
    else:
        response = render(request, "admin/locked_out.html", {"message": message, "title": "Locked out",
                                                              "site_header": "ClaimsDB"}, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
