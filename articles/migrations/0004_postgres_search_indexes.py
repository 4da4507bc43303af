"""PostgreSQL only: full-text (GIN) indexes for search, and a trigram (pg_trgm) index for similar
claims. SQLite has no such indexes; search and similarity fall back to LIKE scans there."""
from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS claim_text_fts ON articles_claim USING gin (to_tsvector('english'::regconfig, text))",
    "CREATE INDEX IF NOT EXISTS claim_text_trgm ON articles_claim USING gin (text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS article_fts ON articles_article USING gin "
    "(to_tsvector('english'::regconfig, title || ' ' || body))",
    "CREATE INDEX IF NOT EXISTS person_name_trgm ON articles_person USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS personalias_key_trgm ON articles_personalias USING gin (key gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS claim_text_fts", "DROP INDEX IF EXISTS claim_text_trgm", "DROP INDEX IF EXISTS article_fts",
    "DROP INDEX IF EXISTS person_name_trgm", "DROP INDEX IF EXISTS personalias_key_trgm",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_claim_assignee")]
    operations = [migrations.RunPython(forward, backward)]
