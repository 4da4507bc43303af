"""Sources polled for new articles: an RSS or Atom feed (feedparser) fetched with a conditional GET
(ETag, Last-Modified), and only its new items fetched, read and stored the way import_seeds stores
an address. An item is not new when its address is an article's (as linked, as fetched or as the
page's canonical address), nor when an article with the same text is stored under another address.
Also one address an editor adds by hand (import_address)."""
from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urljoin

import feedparser
import lxml.etree
from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from articles.entities.selectors import known_people
from articles.ingestion import persistence
from articles.ingestion.run_cache import RunCache
from articles.ingestion.web import fetch
from articles.ingestion.web.polite import Politeness
from articles.models import Article, PageSnapshot, Source
from articles.services import post_import, reader, web

POLL_ATTEMPTS = 3  # a feed or an item fetched again after a timeout, a dropped connection, HTTP 429 or 5xx
MAX_ITEMS = 500  # addresses read from one poll (a sitemap can list tens of thousands)
MAX_CHILD_SITEMAPS = 5  # of a sitemap index, the first (sites list the newest first)
SITEMAP_TYPES = ("application/xml", "text/xml", "application/x-gzip", "application/gzip", "application/octet-stream")


class FeedError(ValueError):
    """The feed could not be read; the message says why, in one line."""


@dataclass
class PollResult:
    source: Source
    status: str = "polled"  # polled | not modified | failed
    error: str = ""
    items: int = 0
    new: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    item_errors: list[tuple[str, str]] = field(default_factory=list)


def due(now=None):
    """Enabled sources whose next poll time has come (or was never set)."""
    now = now or timezone.now()
    return Source.objects.filter(enabled=True).filter(Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))


def item_links(body: bytes, base: str, content_type: str = "") -> list[str]:
    """The http(s) addresses of a feed's items, in feed order, each once. feedparser reads the bytes
    given (it fetches nothing itself here)."""
    feed = feedparser.parse(body, response_headers={"content-location": base, "content-type": content_type or "application/xml"})
    if not feed.entries and (feed.bozo or not feed.get("version")):
        raise FeedError(f"not an RSS or Atom feed ({_one_line(feed.get('bozo_exception', 'no items'))})")
    links = []
    for entry in feed.entries:
        link = entry.get("link") or next((x.get("href") for x in entry.get("links", []) if x.get("href")), "")
        link = urljoin(base, (link or "").strip())
        if link.startswith(("http://", "https://")):
            links.append(link)
    return list(dict.fromkeys(links))


def sitemap_links(body: bytes, base: str) -> tuple[list[str], list[str]]:
    """(page addresses, child sitemap addresses) of a sitemap or sitemap index (gzipped or not);
    the XML is read without entities or network access."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.GzipFile(fileobj=io.BytesIO(body)).read(fetch.FetchPolicy.max_bytes + 1)
        except (OSError, EOFError) as exc:
            raise FeedError(f"not a sitemap (bad gzip: {exc})") from None
        if len(body) > fetch.FetchPolicy.max_bytes:
            raise FeedError("sitemap too large once decompressed")
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = lxml.etree.fromstring(body, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise FeedError(f"not a sitemap ({_one_line(exc)})") from None
    kind = lxml.etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise FeedError(f"not a sitemap (its root element is <{kind}>)")
    child = "url" if kind == "urlset" else "sitemap"
    locs = [urljoin(base, x.strip()) for x in root.xpath(f"./*[local-name()='{child}']/*[local-name()='loc']/text()")]
    locs = list(dict.fromkeys(u for u in locs if u.startswith(("http://", "https://"))))
    return (locs, []) if kind == "urlset" else ([], locs)


def _links(source: Source, got: fetch.FetchResult, polite: Politeness) -> list[str]:
    if source.kind != Source.Kind.SITEMAP:
        return item_links(got.body, got.final_url, got.content_type)[:MAX_ITEMS]
    pages, children = sitemap_links(got.body, got.final_url)
    for child in children[:MAX_CHILD_SITEMAPS]:
        polite.wait(child)
        try:
            sub = fetch.fetch_retrying(child, polite.policy, attempts=POLL_ATTEMPTS, accept=SITEMAP_TYPES)
            pages += sitemap_links(sub.body, sub.final_url)[0]
        except (fetch.FetchError, FeedError) as exc:
            raise FeedError(f"child sitemap {child}: {exc}") from None
    return list(dict.fromkeys(pages))[:MAX_ITEMS]


def known_links(links: list[str]) -> set[str]:
    """Those of the addresses an article already came from."""
    if not links:
        return set()
    keys = {reader.source_key(u): u for u in links}
    seen = set(Article.objects.filter(source_url__in=links).values_list("source_url", flat=True))
    seen |= {keys[k] for k in Article.objects.filter(source_file__in=list(keys)).values_list("source_file", flat=True)}
    for url, final in PageSnapshot.objects.filter(Q(url__in=links) | Q(final_url__in=links)).values_list("url", "final_url"):
        seen |= {url, final}
    return seen & set(links)


def is_duplicate(prep: reader.Prepared) -> bool:
    """An article with the same text is stored under another address."""
    snap = prep.snapshot
    return bool(snap and snap.content_sha256) and PageSnapshot.objects.filter(
        content_sha256=snap.content_sha256).exclude(article__source_file=prep.source_file).exists()


def politeness(policy: fetch.FetchPolicy | None = None) -> Politeness:
    """One run's manners, shared by the sources it polls (hosts in common wait for each other)."""
    return Politeness(policy or web.fetch_policy(), settings.CLAIMSDB_FETCH_HOST_DELAY)


def poll(source: Source, polite: Politeness | None = None, now=None,
         hand_out: Callable[[PollResult, list[str]], None] | None = None) -> PollResult:
    """Fetch the source's feed or sitemap and import its new items; the source's counts and times
    updated. ``hand_out``: the new items go to it instead (the job queue imports each as a job of
    its own, and counts it on the source then)."""
    now = now or timezone.now()
    polite = polite or politeness()
    policy = polite.policy
    result = PollResult(source)
    polite.wait(source.feed_url)
    try:
        accept = SITEMAP_TYPES if source.kind == Source.Kind.SITEMAP else fetch.FEED_TYPES
        got = fetch.fetch_retrying(source.feed_url, policy, attempts=POLL_ATTEMPTS, accept=accept, etag=source.etag,
                                   last_modified=source.last_modified)
    except fetch.FetchError as exc:
        return _finish(result, now, error=str(exc))
    if got.not_modified:
        result.status = "not modified"
        return _finish(result, now, status=304)
    try:
        links = _links(source, got, polite)
    except FeedError as exc:
        return _finish(result, now, status=got.status, error=str(exc))
    result.items = len(links)
    known = known_links(links)
    new = [u for u in links if u not in known]
    result.new = len(new)
    if hand_out is not None:
        hand_out(result, new)
    else:
        _import(result, new, polite)
    return _finish(result, now, status=got.status, etag=got.etag, last_modified=got.last_modified)


def _import(result: PollResult, links: list[str], polite: Politeness) -> None:
    if not links:
        return
    known = known_people()
    run = RunCache()
    fallback = result.source.publisher.name if result.source.publisher_id else None
    for link in links:
        if not polite.allowed(link):
            result.item_errors.append((link, "robots.txt does not allow it"))
            continue
        polite.wait(link)
        target = reader.WebAddress(link, polite.policy, attempts=POLL_ATTEMPTS)
        prep = reader.prepare_url(target, known, settings.CLAIMSDB_EXTRACT_SECONDS)
        if prep.error:
            result.item_errors.append((link, prep.error))
            continue
        if is_duplicate(prep):
            result.duplicates += 1
            continue
        if prep.parsed.publisher is None and fallback:
            prep.parsed.publisher = fallback  # the page names none: the source's publisher
        stored = persistence.store([prep], run)[0]
        if stored.status == "failed":
            result.item_errors.append((link, stored.error))
        else:
            setattr(result, stored.status, getattr(result, stored.status) + 1)
    if result.created or result.updated:
        after_import()


def after_import() -> None:
    """The steps import_seeds runs after storing (services/post_import): whatever is not yet done."""
    post_import.run()


def import_address(url: str) -> persistence.FileResult:
    """Fetch one address and store its article (an editor's "Add article from URL"); status
    "failed" with the reason when the page cannot be had, and nothing stored is touched."""
    try:
        target = web.web_address(url)
    except fetch.FetchError as exc:
        return persistence.FileResult(url, "failed", error=str(exc))
    prep = reader.prepare_url(target, known_people(), settings.CLAIMSDB_EXTRACT_SECONDS)
    result = persistence.store([prep], RunCache())[0]
    if result.status in ("created", "updated"):
        after_import()
    return result


def _finish(result: PollResult, now, status: int | None = None, error: str = "", etag: str | None = None,
            last_modified: str | None = None) -> PollResult:
    source = result.source
    if error:
        result.status = "failed"
        result.error = error
    elif result.item_errors:
        n = len(result.item_errors)
        error = f"{n} item{'s' if n > 1 else ''} not imported; first: {result.item_errors[0][0]}: {result.item_errors[0][1]}"
    changes = dict(last_fetch_at=now, next_fetch_at=now + timedelta(minutes=source.poll_minutes), last_status=status,
                   last_error=error, polls=F("polls") + 1, items_seen=F("items_seen") + result.items,
                   articles_created=F("articles_created") + result.created,
                   articles_updated=F("articles_updated") + result.updated,
                   duplicates=F("duplicates") + result.duplicates, failures=F("failures") + len(result.item_errors))
    if etag is not None:
        changes.update(etag=etag[:500], last_modified=(last_modified or "")[:100])
    Source.objects.filter(pk=source.pk).update(**changes)
    source.refresh_from_db()
    return result


def _one_line(value) -> str:
    return " ".join(str(value).split())[:200]
