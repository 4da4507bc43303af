"""System checks (``manage.py check``; ``--deploy`` for production settings)."""
from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register()
def public_url_is_an_address(app_configs=None, **kwargs):
    """CLAIMSDB_PUBLIC_URL, when set, is an absolute http(s) address: it starts every published url."""
    url = getattr(settings, "CLAIMSDB_PUBLIC_URL", "")
    if not url:
        return []
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return [Error(f"CLAIMSDB_PUBLIC_URL is not an http(s) address: {url!r}.",
                      hint="Give the public site's address, such as https://claims.example.org.",
                      id="claimsdb.E001")]
    return []


@register(Tags.security, deploy=True)
def public_url_is_set(app_configs=None, **kwargs):
    """Without CLAIMSDB_PUBLIC_URL, what is made outside a request (ClaimsDB's own checks in the
    fact-check library) carries http://localhost:8000 addresses."""
    if settings.DEBUG or getattr(settings, "CLAIMSDB_PUBLIC_URL", ""):
        return []
    return [Warning("CLAIMSDB_PUBLIC_URL is not set: ClaimsDB's own checks enter the fact-check library (and the "
                    "match API) with http://localhost:8000 addresses.",
                    hint="Set CLAIMSDB_PUBLIC_URL to the public site's address, such as https://claims.example.org.",
                    id="claimsdb.W001")]
