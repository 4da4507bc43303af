"""The editors' workflow in the Django admin."""
from django.contrib import admin

from . import claims, entities, matching  # noqa: F401  (registers the model admins)

admin.site.site_header = "ClaimsDB"
admin.site.site_title = "ClaimsDB"
admin.site.index_title = "Fact-checking desk"
