from django.db import migrations, models


class Migration(migrations.Migration):
    """Optimistic locking of a claim's review: a version raised by one at every editor's write."""

    dependencies = [
        ("articles", "0019_entities_identity_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="version",
            field=models.PositiveIntegerField(default=0, help_text="Raised by one at every review write."),
        ),
    ]
