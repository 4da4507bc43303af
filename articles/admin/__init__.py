"""The editors' workflow in the Django admin (the site itself, with the desk, is articles/admin_site.py: outside this package, so that loading it registers nothing twice)."""
from django.contrib import admin  # noqa: E402
from rest_framework.authtoken.models import TokenProxy  # noqa: E402

from . import claims, corrections, entities, imports, matching, web, webhooks  # noqa: F401  (registers the model admins)

# API tokens are knox's (stored hashed; its admin shows a new token once): DRF's plain-text token
# admin would issue tokens that are converted anyway.
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)
