"""PostgreSQL: each fact-check's claim and title as a stored tsvector (a generated column Django
does not need to know) with a GIN index; services/matching.py asks it for candidates. A stored
vector, because ranking matches by recomputing to_tsvector per row took ~170 ms a query at 10k rows.
Nothing on other databases."""
from django.db import migrations

ADD = ("ALTER TABLE articles_factcheck ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS "
       "(to_tsvector('english', claim_reviewed || ' ' || title)) STORED",
       "CREATE INDEX IF NOT EXISTS articles_factcheck_fulltext ON articles_factcheck USING GIN (search)")
DROP = ("DROP INDEX IF EXISTS articles_factcheck_fulltext",
        "ALTER TABLE articles_factcheck DROP COLUMN IF EXISTS search")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in ADD:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0016_merge_records")]
    operations = [migrations.RunPython(create, drop)]
