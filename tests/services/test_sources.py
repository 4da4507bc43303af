"""Sources polled (services/sources.py, manage.py poll_sources) against a local HTTP server: an RSS
and an Atom feed of 20 items polled twice give 20 articles each, the second poll a conditional GET."""
import pytest
from django.core.management import call_command

from articles.models import Article, PageSnapshot, Source
from articles.services import sources
from tests.ingestion.webpages import news_page, serve

HTML = {"Content-Type": "text/html; charset=utf-8"}


def rss(base, ids):
    items = "".join(f"<item><title>Story {i}</title><link>{base}/story/{i}</link></item>" for i in ids)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>{items}</channel></rss>'.encode()


def atom(base, ids):
    entries = "".join(f'<entry><title>Story {i}</title><link rel="alternate" href="{base}/story/{i}"/>'
                      f"<id>urn:story:{i}</id><updated>2019-03-05T10:00:00Z</updated></entry>" for i in ids)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title>'
            f"<id>urn:feed</id><updated>2019-03-05T10:00:00Z</updated>{entries}</feed>").encode()


def story(i):
    extra = f"<p>Story number {i} adds that the vote was {i} to {40 - i} in the chamber on Tuesday evening.</p>"
    return news_page(title=f"Council story {i}", canonical=f"https://news.example.org/story/{i}",
                     extra_body=extra).encode()


def feed_route(make, ids, etag):
    def respond(handler):
        if handler.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/xml", "ETag": etag,
                     "Last-Modified": "Tue, 05 Mar 2019 10:00:00 GMT"}, make(base_of(handler), ids)
    return respond


def base_of(handler):
    return f"http://127.0.0.1:{handler.server.server_address[1]}"


def page_requests(server):
    return [p for p, _ in server.seen if p.startswith("/story/")]


# The atom case repeats the rss one through the other parser: slow, run by .ci/run.
@pytest.mark.parametrize("make", [rss, pytest.param(atom, marks=pytest.mark.slow)], ids=["rss", "atom"])
def test_a_feed_of_20_polled_twice_gives_20_articles_and_the_second_poll_is_conditional(db, settings, make, capsys):
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = True
    routes = {f"/story/{i}": (200, HTML, story(i)) for i in range(25)}
    with serve(routes) as (base, server):
        routes["/feed"] = (200, {}, feed_route(make, range(20), '"v1"'))
        src = Source.objects.create(name="Example", feed_url=f"{base}/feed")
        call_command("poll_sources", verbosity=0)
        assert "20 items, 20 new: 20 created" in capsys.readouterr().out
        assert Article.objects.count() == 20 and len(page_requests(server)) == 20
        src.refresh_from_db()
        assert (src.etag, src.last_status, src.articles_created, src.polls) == ('"v1"', 200, 20, 1)
        assert src.next_fetch_at > src.last_fetch_at
        # Not due again yet: nothing is fetched; --all polls anyway, with If-None-Match.
        call_command("poll_sources", verbosity=0)
        assert "no source due" in capsys.readouterr().out
        call_command("poll_sources", "--all", verbosity=0)
        assert "Example: not modified" in capsys.readouterr().out
        feed_gets = [h for p, h in server.seen if p == "/feed"]
        assert len(feed_gets) == 2 and feed_gets[1]["If-None-Match"] == '"v1"'
        assert feed_gets[1]["If-Modified-Since"] == "Tue, 05 Mar 2019 10:00:00 GMT"
        assert Article.objects.count() == 20 and len(page_requests(server)) == 20
        # The feed changes: only its new items are fetched.
        routes["/feed"] = (200, {}, feed_route(make, range(3, 23), '"v2"'))
        call_command("poll_sources", "--all", verbosity=0)
        assert Article.objects.count() == 23 and sorted(page_requests(server)[20:]) == [f"/story/{i}" for i in (20, 21, 22)]
    src.refresh_from_db()
    assert (src.polls, src.items_seen, src.articles_created, src.last_status) == (3, 40, 23, 200)
    assert PageSnapshot.objects.count() == 23


def test_the_same_text_under_another_address_is_a_duplicate_and_bad_items_are_counted(db, settings, capsys):
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = True
    routes = {"/story/1": (200, HTML, story(1)), "/copy/1": (200, HTML, story(1)), "/story/2": (404, HTML, b"gone")}
    with serve(routes) as (base, server):
        routes["/feed"] = (200, {"Content-Type": "application/rss+xml"},
                           rss(base, [1, 2]).replace(b"</channel>", f"<item><link>{base}/copy/1</link></item></channel>".encode()))
        src = Source.objects.create(name="Dup", feed_url=f"{base}/feed")
        with pytest.raises(SystemExit):
            call_command("poll_sources", verbosity=0)
    assert f"error: {base}/story/2: HTTP 404" in capsys.readouterr().err
    src.refresh_from_db()
    assert (src.articles_created, src.duplicates, src.failures) == (1, 1, 1)
    assert "1 item not imported" in src.last_error
    assert Article.objects.count() == 1


def test_a_feed_that_cannot_be_had_records_the_error(db, settings):
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = False
    src = Source.objects.create(name="Local", feed_url="http://127.0.0.1:8799/feed")
    r = sources.poll(src)
    assert r.status == "failed" and "loopback" in r.error
    src.refresh_from_db()
    assert "loopback" in src.last_error and src.polls == 1 and src.next_fetch_at is not None
    with pytest.raises(sources.FeedError):
        sources.item_links(b"<html><body>not a feed</body></html>", "http://x.example.com/")


def test_sources_in_the_admin_with_poll_now(db, admin_client, settings):
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = True
    routes = {"/story/1": (200, HTML, story(1))}
    with serve(routes) as (base, _):
        routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, rss(base, [1]))
        src = Source.objects.create(name="Example feed", feed_url=f"{base}/feed")
        listing = admin_client.get("/admin/articles/source/")
        assert listing.status_code == 200 and "Example feed" in listing.content.decode()
        resp = admin_client.post("/admin/articles/source/", {"action": "poll_now", "_selected_action": [src.pk]},
                                 follow=True)
    assert "Example feed: 1 items, 1 new, 1 created" in resp.content.decode()
    src.refresh_from_db()
    assert src.articles_created == 1 and src.last_status == 200
    assert admin_client.get(f"/admin/articles/source/{src.pk}/change/").status_code == 200


def test_robots_txt_is_obeyed_when_polling(db, settings, capsys):
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = True
    # Our own group wins over "*" (which would refuse everything).
    robots = b"User-agent: *\nDisallow: /\n\nUser-agent: ClaimsDB\nDisallow: /private/\nDisallow: /members/\n"
    routes = {"/robots.txt": (200, {"Content-Type": "text/plain"}, robots), "/story/1": (200, HTML, story(1)),
              "/private/2": (200, HTML, story(2)), "/members/3": (200, HTML, story(3))}
    with serve(routes) as (base, server):
        feed = rss(base, [1]).replace(b"</channel>", f"<item><link>{base}/private/2</link></item>"
                                      f"<item><link>{base}/members/3</link></item></channel>".encode())
        routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, feed)
        src = Source.objects.create(name="Robots", feed_url=f"{base}/feed")
        r = sources.poll(src)
        paths = [p for p, _ in server.seen]
    assert r.created == 1 and [u for u, _ in r.item_errors] == [f"{base}/private/2", f"{base}/members/3"]
    assert all(reason == "robots.txt does not allow it" for _, reason in r.item_errors)
    assert "/private/2" not in paths and "/members/3" not in paths and paths.count("/robots.txt") == 1


def test_a_minimum_delay_between_two_requests_to_one_host():
    from articles.ingestion.web import fetch
    from articles.ingestion.web.polite import Politeness

    now, slept = [100.0], []
    polite = Politeness(fetch.FetchPolicy(user_agent="ClaimsDB/0.1 (x)"), delay=2.0, clock=lambda: now[0],
                        sleep=lambda s: (slept.append(s), now.__setitem__(0, now[0] + s)))
    polite.wait("https://a.example.com/1")
    now[0] += 0.5
    polite.wait("https://a.example.com/2")  # 0.5 s after: waits 1.5 s more
    polite.wait("https://b.example.com/1")  # another host: no wait
    now[0] += 3
    polite.wait("https://a.example.com/3")  # long enough already
    assert slept == [1.5] and polite.agent == "ClaimsDB"


def test_a_news_sitemap_index_is_polled_for_new_pages_only(db, settings):
    import gzip

    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = True
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'

    def urlset(base, ids):
        urls = "".join(f"<url><loc>{base}/story/{i}</loc><image:image><image:loc>{base}/img/{i}.jpg</image:loc>"
                       f"</image:image></url>" for i in ids)
        return f'<?xml version="1.0"?><urlset {ns}>{urls}</urlset>'.encode()

    routes = {f"/story/{i}": (200, HTML, story(i)) for i in range(6)}
    with serve(routes) as (base, server):
        routes["/news-1.xml"] = (200, {"Content-Type": "application/xml"}, urlset(base, [0, 1, 2]))
        routes["/news-2.xml.gz"] = (200, {"Content-Type": "application/x-gzip"}, gzip.compress(urlset(base, [2, 3])))
        index = (f'<?xml version="1.0"?><sitemapindex {ns}><sitemap><loc>{base}/news-1.xml</loc></sitemap>'
                 f"<sitemap><loc>{base}/news-2.xml.gz</loc></sitemap></sitemapindex>").encode()
        routes["/sitemap.xml"] = (200, {"Content-Type": "application/xml"}, index)
        src = Source.objects.create(name="Sitemap", kind=Source.Kind.SITEMAP, feed_url=f"{base}/sitemap.xml")
        first = sources.poll(src)
        routes["/news-2.xml.gz"] = (200, {"Content-Type": "application/x-gzip"}, gzip.compress(urlset(base, [3, 4])))
        second = sources.poll(src)
        pages = [p for p, _ in server.seen if p.startswith("/story/")]
    assert (first.items, first.created, second.items, second.new, second.created) == (4, 4, 5, 1, 1)
    assert sorted(pages) == [f"/story/{i}" for i in range(5)]  # each page fetched once, no image fetched
    assert Article.objects.count() == 5
    with pytest.raises(sources.FeedError, match="root element is <rss>"):
        sources.sitemap_links(b"<rss version='2.0'/>", base)
    with pytest.raises(sources.FeedError, match="not a sitemap"):
        sources.sitemap_links(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset>&e;</urlset', base)
    xxe = b'<!DOCTYPE u [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset><url><loc>http://a.example.com/&e;</loc></url></urlset>'
    assert sources.sitemap_links(xxe, base) == (["http://a.example.com/"], [])  # the entity is never read
