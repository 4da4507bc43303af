"""The editors' admin without a browser: query counts, permissions, actions."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Claim, ClaimLink, Person, ReviewEvent
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def claims_for(n):
    art = Article.objects.create(title="Generated", published="2020-01-01", body="word " * (n * 4 + 10),
                                 paragraphs=[{"kind": "paragraph", "start": 0, "end": n * 20 + 40}],
                                 source_file=f"gen-{n}.txt", sha256="0" * 64)
    people = [Person.objects.create(name=f"Speaker {i}", key=f"speaker {i}") for i in range(20)]
    Claim.objects.bulk_create([Claim(article=art, key=f"k{i}", text=f"word word claim {i}", start=i * 20,
                                     end=i * 20 + 9, kind="quote", speaker=people[i % 20]) for i in range(n)])
    return art


def count_queries(client, url):
    client.get(url)  # warm up: one-time lookups (content types, sessions) are not per-row work
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, r.status_code
    return len(ctx.captured_queries)


@pytest.mark.slow  # imports many articles to show the counts stay flat; runs in .ci/run
def test_claim_changelist_and_change_page_query_counts_do_not_grow(client):
    admin = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    counts = {}
    for n in (10, 1000):
        Claim.objects.all().delete()
        art = claims_for(n)
        first = Claim.objects.filter(article=art).order_by("id").first()
        counts[n] = (count_queries(client, "/admin/articles/claim/"),
                     count_queries(client, "/admin/articles/claim/?status=new&kind=quote"),
                     count_queries(client, "/admin/articles/claim/?q=claim"),
                     count_queries(client, f"/admin/articles/claim/{first.pk}/change/"))
        Article.objects.all().delete()
        Person.objects.all().delete()
    assert counts[10] == counts[1000], counts


def test_viewer_cannot_change_anything(client, imported_seed):
    viewer = make_user("viewer", "Viewers", is_staff=True)
    client.force_login(viewer)
    claim = Claim.objects.first()
    page = client.get(f"/admin/articles/claim/{claim.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    r = client.post(f"/admin/articles/claim/{claim.pk}/change/", {"verdict": "false", "status": "checked"})
    assert r.status_code == 403
    r = client.post("/admin/articles/claim/", {"action": "mark_checked", "_selected_action": [claim.pk]})
    claim.refresh_from_db()
    assert claim.status == "new"
    p = Person.objects.first()
    assert client.post(f"/admin/articles/person/{p.pk}/change/", {"name": "X"}).status_code == 403


def test_editor_cannot_delete_articles(client, imported_seed, editor):
    client.force_login(editor)
    art = Article.objects.get()
    assert client.get(f"/admin/articles/article/{art.pk}/delete/").status_code == 403
    assert Article.objects.exists()


def test_admin_requires_login(client):
    r = client.get("/admin/articles/claim/")
    assert r.status_code == 302 and "/admin/login/" in r["Location"]


def test_bulk_actions_record_history(client, imported_seed, editor):
    client.force_login(editor)
    ids = list(Claim.objects.values_list("pk", flat=True)[:3])
    for action in ("mark_in_review", "assign_to_me"):
        r = client.post("/admin/articles/claim/", {"action": action, "_selected_action": ids})
        assert r.status_code == 302
    assert set(Claim.objects.filter(pk__in=ids).values_list("status", "assignee__username")) == {("in_review", "editor")}
    assert ReviewEvent.objects.filter(claim_id__in=ids).count() == 6


def test_reextract_action_keeps_editors_work(client, imported_seed, editor):
    from articles.services import links, review

    client.force_login(editor)
    a, b = Claim.objects.all()[:2]
    review.apply_review(a, editor, verdict="true", status="checked")
    links.create_link(a, b, "supports", editor)
    r = client.post("/admin/articles/article/", {"action": "reextract", "_selected_action": [imported_seed.pk]})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.verdict == "true" and ClaimLink.objects.filter(source=a, target=b).exists()


def test_merge_action_through_the_intermediate_page(client, imported_seed, editor):
    client.force_login(editor)
    keep = Person.objects.get(name="Marie Le Pen")
    dup = Person.objects.create(name="Marine Le Pen", key="marine le pen")
    data = {"action": "merge_selected", "_selected_action": [keep.pk, dup.pk]}
    page = client.post("/admin/articles/person/", data)
    assert page.status_code == 200 and b"Choose the record to keep" in page.content
    r = client.post("/admin/articles/person/", {**data, "confirm": "yes", "keep": keep.pk})
    assert r.status_code == 302
    assert not Person.objects.filter(pk=dup.pk).exists()
    assert "Marine Le Pen" in keep.aliases.values_list("name", flat=True)


def test_similar_claims_found_and_linked(client, imported_seed, editor):
    client.force_login(editor)
    a = Claim.objects.get(text__contains="only 20 per cent of the Nato budget")
    other_art = Article.objects.create(title="Second", published="2016-11-20", body=a.text, source_file="b.txt",
                                       sha256="1" * 64, paragraphs=[{"kind": "paragraph", "start": 0, "end": len(a.text)}])
    b = Claim.objects.create(article=other_art, key="x", text=a.text, start=0, end=len(a.text), kind="quote")
    page = client.get(f"/admin/articles/claim/{a.pk}/change/")
    assert f'href="/admin/articles/claim/{b.pk}/change/"'.encode() in page.content
    r = client.post(f"/admin/articles/claim/{a.pk}/link/", {"target": b.pk})
    assert r.status_code == 302 and ClaimLink.objects.filter(source=b, target=a, relation="repeats").exists()


def test_skip_scan_dates_match_djangos_dates():
    from datetime import date

    from articles.admin.common import skip_scan

    art = claims_for(30)
    days = [date(2016, 11, 14), date(2016, 11, 30), date(2017, 2, 1), date(2019, 7, 4)]
    for i, c in enumerate(Claim.objects.filter(article=art).order_by("id")):
        c.published = days[i % len(days)]
        c.save(update_fields=["published"])
    qs = Claim.objects.all()
    for kind in ("year", "month", "day"):
        assert list(skip_scan(qs).dates("published", kind)) == list(qs.dates("published", kind))
    within = qs.filter(published__year=2016)
    assert list(skip_scan(within).dates("published", "day")) == list(within.dates("published", "day"))
    assert list(skip_scan(qs).filter(kind="quote").dates("published", "year", "DESC")) == \
        list(qs.filter(kind="quote").dates("published", "year", "DESC"))


def test_numbers_are_shown_as_written_and_links_read_as_sentences(client, imported_seed):
    from decimal import Decimal

    from articles.admin.common import as_written
    from articles.models import Statistic

    assert [as_written(Decimal(v), u) for v, u in (("100.000000", "count"), ("400000.000000", "count"),
                                                    ("1.700000", "percent"))] == ["100", "400,000", "1.7%"]
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    page = client.get("/admin/articles/statistic/").content.decode()
    assert Statistic.objects.exists() and ".000000" not in page
    a, b = Claim.objects.order_by("id")[:2]
    link = ClaimLink.objects.create(source=a, target=b, relation="contradicts")
    assert str(link).startswith("“") and " contradicts “" in str(link) and str(a.pk) not in str(link).split("“")[0]
