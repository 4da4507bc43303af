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
        from . import checks  # noqa: F401  (registers the system checks)
