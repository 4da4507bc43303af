"""PostgreSQL only: similar claims now come from the full-text index; the trigram index on the
claim text (large, slow to maintain, and slow to search for long texts) goes."""
from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claim_text_trgm")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS claim_text_trgm ON articles_claim USING gin (text gin_trgm_ops)")


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_order_by_article_id")]
    operations = [migrations.RunPython(forward, backward)]
