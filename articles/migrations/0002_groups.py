"""The Editors and Viewers groups. Editors review, link and merge and edit people, organisations
and statistics; they cannot add or delete articles. Viewers only read."""
from django.db import migrations

VIEW_MODELS = ["article", "person", "personalias", "organisation", "organisationalias", "affiliation", "mention",
               "claim", "claimlink", "evidencelink", "reviewevent", "statistic"]
EDITOR_PERMS = [
    "change_article",  # re-run extraction; the body itself is read-only in the admin
    "change_claim",
    "add_claimlink", "change_claimlink", "delete_claimlink",
    "add_evidencelink", "change_evidencelink", "delete_evidencelink",
    "change_person", "merge_person", "add_personalias", "change_personalias", "delete_personalias",
    "change_organisation", "merge_organisation",
    "add_organisationalias", "change_organisationalias", "delete_organisationalias",
    "add_affiliation", "change_affiliation", "delete_affiliation",
    "change_statistic",
]


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = list(Permission.objects.filter(content_type__app_label="articles",
                                          codename__in=[f"view_{m}" for m in VIEW_MODELS]))
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*view, *Permission.objects.filter(content_type__app_label="articles",
                                                              codename__in=EDITOR_PERMS))
    viewers, _ = Group.objects.get_or_create(name="Viewers")
    viewers.permissions.add(*view)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Viewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length"),
                    ("contenttypes", "0002_remove_content_type_name")]
    operations = [migrations.RunPython(create_groups, remove_groups)]
