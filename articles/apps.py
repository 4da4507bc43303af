from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ClaimsDBAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin whose front page is the editors' desk (articles/admin_site.py)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "articles.admin_site.DeskAdminSite"


class ArticlesConfig(AppConfig):
    default = True
    name = "articles"
    verbose_name = "Claims and articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save
        from rest_framework.authtoken.models import Token

        from articles.services import api_tokens

        from . import checks  # noqa: F401  (registers the system checks)

        # Code written for DRF's plain-text Token still gets a working token, stored hashed.
        post_save.connect(api_tokens.adopt_plaintext_token, sender=Token, dispatch_uid="claimsdb-adopt-drf-token")
