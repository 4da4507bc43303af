"""Editors and Viewers see the fact-check library, the claim matches and the claim families."""
from django.db import migrations

VIEW = ["view_factcheck", "view_claimmatch", "view_claimfamily"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = list(Permission.objects.filter(content_type__app_label="articles", codename__in=VIEW))
    for group in Group.objects.filter(name__in=["Editors", "Viewers"]):
        group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_factchecks_families")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
