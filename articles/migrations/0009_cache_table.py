"""The database cache table (settings.CACHES): the rate limit's counters are shared by every
worker. `migrate` makes it, so a set-up needs no extra step."""
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_extraction_v2")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
