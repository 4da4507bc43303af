"""Publishing a check is a permission of its own (publish_claim), granted to Editors: a newsroom
that wants a second pair of eyes takes it from Editors and gives it to a smaller group."""
from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perm = Permission.objects.filter(content_type__app_label="articles", codename="publish_claim")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(*perm)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0024_web_pages_and_sources'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='claim',
            options={'ordering': ['article_id', 'start'], 'permissions': [('publish_claim', 'Can publish a check')]},
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
