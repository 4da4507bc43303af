"""Web pages in: the fetch policy from settings, the import targets a command line names, and the
snapshot of the HTML each web article was read from."""
from __future__ import annotations

import gzip

from django.conf import settings

from articles.ingestion.web import fetch
from articles.models import Article, PageSnapshot
from articles.services.reader import Snapshot, WebAddress


def fetch_policy() -> fetch.FetchPolicy:
    contact = settings.CLAIMSDB_FETCH_CONTACT
    agent = settings.CLAIMSDB_FETCH_USER_AGENT + " (claim tracking for fact-checkers" + (
        f"; contact: {contact})" if contact else ")")
    return fetch.FetchPolicy(
        user_agent=agent,
        allow_private=settings.CLAIMSDB_FETCH_ALLOW_PRIVATE, max_bytes=settings.CLAIMSDB_FETCH_MAX_BYTES,
        connect_timeout=settings.CLAIMSDB_FETCH_TIMEOUT[0], read_timeout=settings.CLAIMSDB_FETCH_TIMEOUT[1],
        backoff=settings.CLAIMSDB_FETCH_BACKOFF)


def is_web_address(raw: str) -> bool:
    return raw[:8].lower().startswith(("http://", "https://"))


def web_address(raw: str, policy: fetch.FetchPolicy | None = None) -> WebAddress:
    """An import target for an address; FetchError when it is no http(s) address with a host."""
    fetch.check_url(raw)
    return WebAddress(raw, policy or fetch_policy())


def save_snapshot(article: Article, snap: Snapshot | None) -> None:
    """Keep the HTML the article was read from (once per distinct page: a re-import of the same
    HTML adds nothing)."""
    if snap is None or PageSnapshot.objects.filter(article=article, sha256=snap.sha256).exists():
        return
    PageSnapshot.objects.create(
        article=article, url=snap.url[:2000], final_url=snap.final_url[:2000], canonical_url=snap.canonical_url[:1000],
        http_status=snap.http_status, fetched_at=snap.fetched_at, content_type=snap.content_type[:100],
        sha256=snap.sha256, content_sha256=snap.content_sha256, size=len(snap.html), html_gz=gzip.compress(snap.html, 6), language=snap.language[:20],
        author=snap.author[:300], metadata=snap.metadata)


def snapshot_html(snapshot: PageSnapshot) -> bytes:
    return gzip.decompress(bytes(snapshot.html_gz))

