"""Editors review the surname links and the names ruled out, as the README says they do: view and
change person links (accepting one is a merge, which needs merge_person: Editors have it since
0002), view rejected names and delete one (the way back from a "Not a person…" decision). Viewers
read both."""
from django.db import migrations

EDITORS = ["view_personlink", "change_personlink", "view_rejectedname", "delete_rejectedname"]
VIEWERS = ["view_personlink", "view_rejectedname"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", EDITORS), ("Viewers", VIEWERS)):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*Permission.objects.filter(content_type__app_label="articles",
                                                             codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", EDITORS), ("Viewers", VIEWERS)):
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="articles",
                                                                codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("articles", "0018_fingerprint_help")]
    operations = [migrations.RunPython(grant, revoke)]
