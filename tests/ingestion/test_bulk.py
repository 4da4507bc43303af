"""The import's bulk SQL (articles.ingestion.bulk): the same rows as the ORM would write."""
import datetime

import pytest
from django.db import connection

from articles.ingestion import bulk
from articles.models import Article, Claim, Mention, Person


def test_in_list_is_sql_and_parameters(db):
    sql, params = bulk.in_list("r.key", {"b", "a"})
    if connection.vendor == "postgresql":
        assert (sql, params) == ("r.key = ANY(%s)", [["a", "b"]])
    else:
        assert (sql, params) == ("r.key IN (%s, %s)", ["a", "b"])
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM articles_person r WHERE {bulk.in_list('r.key', [])[0]}",
                    bulk.in_list("r.key", [])[1])
        assert cur.fetchone() == (0,)


@pytest.fixture
def article(db):
    return Article.objects.create(source_file="a.txt", title="A", published=datetime.date(2020, 1, 1), body="Ann said.")


def test_insert_skips_rows_that_conflict(article):
    ann = Person.objects.create(name="Ann Lee", key="ann lee")
    row = (article.pk, ann.pk, None, "Ann", 0, 3)
    columns = ("article_id", "person_id", "organisation_id", "text", "start", "end")
    bulk.insert(Mention, columns, [row])
    bulk.insert(Mention, columns, [row, (article.pk, ann.pk, None, "Lee", 4, 7)])
    # (article, start, end) is unique: the repeated span is skipped, the statement does not fail
    assert sorted(Mention.objects.values_list("text", "start")) == [("Ann", 0), ("Lee", 4)]
    bulk.insert(Mention, columns, [])  # nothing to send: no statement


def test_send_in_batches_returns_what_returning_asks_for(article):
    ann = Person.objects.create(name="Ann Lee", key="ann lee")
    fields = [Mention._meta.get_field(c) for c in ("article", "person", "text", "start", "end")]
    rows = [(article.pk, ann.pk, f"m{i}", i, i + 1) for i in range(7)]
    if not connection.features.can_return_rows_from_bulk_insert:
        pytest.skip("the database cannot return rows from an INSERT")
    ids = bulk.send(Mention, fields, rows, "RETURNING id", batch=3)
    assert len(ids) == 7 and sorted(Mention.objects.values_list("id", flat=True)) == sorted(i for (i,) in ids)
    assert sorted(Mention.objects.values_list("text", "start")) == [(f"m{i}", i) for i in range(7)]


def test_bulk_insert_sets_ids_defaults_and_timestamps_as_the_orm(article):
    claims = [Claim(article=article, key=f"k{i}", text="Ann said.", start=0, end=9) for i in range(3)]
    bulk.bulk_insert(Claim, claims)
    assert all(c.pk for c in claims) and not claims[0]._state.adding
    orm = Claim.objects.create(article=article, key="orm", text="Ann said.", start=0, end=9)
    fields = [f.attname for f in Claim._meta.concrete_fields if f.attname not in ("id", "key", "created_at", "updated_at", "published")]
    stored = {c["key"]: c for c in Claim.objects.values("key", *fields, "created_at", "updated_at")}
    for c in claims:
        assert {f: stored[c.key][f] for f in fields} == {f: stored["orm"][f] for f in fields}
        assert stored[c.key]["created_at"] is not None and stored[c.key]["updated_at"] is not None
    assert orm.status == Claim.Status.NEW
