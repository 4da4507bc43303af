"""Person.surname_pending: surname linking works from what is not yet reconciled, so an import run
that stopped half-way is finished by the next one (issue 29, D07); Checkpoint: the library state the
claims were last matched against, so a fact-check import stopped before matching is finished too.

Existing surname-only records with no link decision and no suggestion for their surname are marked
pending: a run that crashed before this migration left such records behind ("Obama" next to Barack
Obama), and the next import reconciles them (a record with nobody to link to just stays)."""
from django.db import migrations, models


def mark_unreconciled(apps, schema_editor):
    Person = apps.get_model("articles", "Person")
    PersonLink = apps.get_model("articles", "PersonLink")
    decided = PersonLink.objects.values("short_key")
    Person.objects.exclude(key__contains=" ").exclude(key__in=decided).update(surname_pending=True)


class Migration(migrations.Migration):
    dependencies = [("articles", "0022_accounts_hash_api_tokens")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="surname_pending",
            field=models.BooleanField(db_index=True, default=False, editable=False),
        ),
        migrations.RunPython(mark_unreconciled, migrations.RunPython.noop),
        migrations.CreateModel(
            name="Checkpoint",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True)),
                ("value", models.CharField(blank=True, max_length=200)),
                ("at", models.DateTimeField(auto_now=True)),
            ],
        ),
    ]
