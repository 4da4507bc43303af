"""Web pages in through import_seeds: page files and http(s) addresses stored with the seed format's
structure, the HTML kept as a snapshot, a bad page one error line with the rest imported."""
import gzip

import pytest
from django.core.management import call_command

from articles.models import Article, PageSnapshot
from articles.services import web
from tests.conftest import SEED
from tests.ingestion.webpages import PARAS, news_page, serve

HTML = {"Content-Type": "text/html; charset=utf-8"}


def run_import(*targets):
    try:
        call_command("import_seeds", *map(str, targets), verbosity=0)
        return 0
    except SystemExit as e:
        return e.code


def body_texts(article):
    return [t for _, _, _, t in article.blocks()]


def test_a_page_file_is_an_article_with_paragraphs_canonical_url_and_a_snapshot(db, tmp_path):
    html = news_page().encode()
    (tmp_path / "bus.html").write_bytes(html)
    (tmp_path / "bus2.html.gz").write_bytes(gzip.compress(news_page(canonical="https://news.example.org/b2").encode()))
    assert run_import(tmp_path) == 0
    a = Article.objects.get(source_file="bus.html")
    assert (a.title, a.published.isoformat(), a.publisher.name) == ("Council expands bus network", "2019-03-05",
                                                                     "Example News")
    assert a.source_url == "https://news.example.org/2019/bus-network"
    assert body_texts(a) == PARAS
    assert a.claims.filter(text__contains="cut journey times").exists()
    snap = a.snapshots.get()
    assert snap.http_status is None and web.snapshot_html(snap) == html and snap.size == len(html)
    assert snap.canonical_url == a.source_url and snap.author == "Ann Writer" and snap.language == "en"
    assert Article.objects.get(source_file="bus2.html.gz").source_url == "https://news.example.org/b2"
    # Again: unchanged, no second snapshot.
    assert run_import(tmp_path / "bus.html") == 0
    assert PageSnapshot.objects.filter(article=a).count() == 1


def test_an_address_is_fetched_and_a_canonical_on_another_site_is_not_believed(db, settings):
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = True
    with serve({}) as (base, server):
        server.routes.update({
            "/story": (200, HTML, news_page().encode()),  # claims to be news.example.org
            "/own": (200, HTML, news_page(title="Own site", canonical=f"{base}/canonical/own").encode()),
            "/moved": (301, {"Location": "/story"}, b""),
        })
        assert run_import(f"{base}/moved", f"{base}/own") == 0
    story = Article.objects.get(title="Council expands bus network")
    assert story.source_url == story.source_file == f"{base}/story"
    snap = story.snapshots.get()
    assert (snap.url, snap.final_url, snap.http_status) == (f"{base}/moved", f"{base}/story", 200)
    assert snap.canonical_url == "https://news.example.org/2019/bus-network"  # kept as the page said
    assert Article.objects.get(title="Own site").source_url == f"{base}/canonical/own"


def test_a_bad_address_is_one_error_line_and_the_rest_is_imported(db, tmp_path, capsys, settings):
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = False
    good = tmp_path / SEED.name
    good.write_bytes(SEED.read_bytes())
    with serve({"/story": (200, HTML, news_page().encode())}) as (base, _):
        assert run_import(f"{base}/story", "ftp://example.com/x", good) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert f"error: {base}/story: refused: 127.0.0.1 is a loopback address" in err
    assert "error: ftp://example.com/x: only http and https addresses can be imported" in err
    assert len(err) == 2
    assert list(Article.objects.values_list("source_file", flat=True)) == [SEED.name]
    assert not PageSnapshot.objects.exists()


@pytest.mark.parametrize("route, reason", [
    ((404, HTML, b"gone"), "HTTP 404"),
    ((200, {"Content-Type": "application/pdf"}, b"%PDF"), "not a web page"),
    ((200, HTML, b"<html><body><nav>Home</nav></body></html>"), "no article text"),
])
def test_bad_pages_touch_nothing_stored(db, capsys, settings, route, reason):
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = True
    with serve({"/story": (200, HTML, news_page().encode())}) as (base, server):
        assert run_import(f"{base}/story") == 0
        before = Article.objects.get()
        server.routes["/story"] = route
        assert run_import(f"{base}/story") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {base}/story: ") and reason in err[0]
    after = Article.objects.get()
    assert (after.sha256, after.body, after.updated_at) == (before.sha256, before.body, before.updated_at)
    assert PageSnapshot.objects.count() == 1


def test_the_snapshot_is_linked_from_the_article_in_the_admin(db, admin_client, tmp_path):
    (tmp_path / "bus.html").write_bytes(news_page().encode())
    run_import(tmp_path)
    a = Article.objects.get()
    page = admin_client.get(f"/admin/articles/article/{a.pk}/change/").content.decode()
    snap = a.snapshots.get()
    assert f"/admin/articles/pagesnapshot/{snap.pk}/html/" in page
    resp = admin_client.get(f"/admin/articles/pagesnapshot/{snap.pk}/html/")
    assert resp["Content-Type"].startswith("text/plain") and "attachment" in resp["Content-Disposition"]
    assert resp.content == news_page().encode()


def test_an_editor_adds_an_article_from_a_url_on_the_desk(db, client, editor, viewer, settings):
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = True
    client.force_login(editor)
    desk = client.get("/admin/").content.decode()
    assert "/admin/articles/article/from-url/" in desk
    with serve({"/story": (200, HTML, news_page().encode())}) as (base, _):
        resp = client.post("/admin/articles/article/from-url/", {"url": f"{base}/story"})
    article = Article.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/admin/articles/article/{article.pk}/change/"
    assert article.source_url == f"{base}/story" and article.snapshots.count() == 1
    # A refused address: the reason on the form, nothing stored.
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = False
    resp = client.post("/admin/articles/article/from-url/", {"url": "http://10.0.0.1/story"})
    assert resp.status_code == 200 and "refused: 10.0.0.1 is a private address" in resp.content.decode()
    assert Article.objects.count() == 1
    client.force_login(viewer)
    assert client.get("/admin/articles/article/from-url/").status_code == 403


def test_addresses_are_fetched_in_worker_processes_with_jobs(transactional_db, settings):
    # transactional: --jobs closes the connections before it forks
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = True
    routes = {f"/s{i}": (200, HTML, news_page(title=f"Story {i}", canonical=f"https://x.example.org/{i}").encode())
              for i in range(4)}
    with serve(routes) as (base, _):
        call_command("import_seeds", *[f"{base}/s{i}" for i in range(4)], "--jobs", "2", verbosity=0)
    assert sorted(Article.objects.values_list("title", flat=True)) == [f"Story {i}" for i in range(4)]
    assert PageSnapshot.objects.count() == 4
