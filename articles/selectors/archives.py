"""Archived copies of evidence as readers get them: next to each link of a published check, and
served so that nothing stored can run (articles/services/evidence.py takes the copies)."""
from __future__ import annotations

import gzip

from articles.ingestion.web import fetch
from articles.models import PUBLISHED, Claim, EvidenceArchive, EvidenceLink

HTML_COPY = frozenset(fetch.HTML_TYPES)


def wayback(url: str) -> str:
    """Where a reader can look when no copy could be taken (the site refused the fetcher)."""
    return f"https://web.archive.org/web/*/{url}"


def copy_of(row: EvidenceArchive) -> bytes:
    return gzip.decompress(bytes(row.body_gz)) if row.has_copy else b""

# The copy of a page is shown sandboxed: no scripts, forms, plugins or frames, an origin of its own
# (no cookies), and nothing fetched from anywhere (no tracking of the reader by the copied site).
COPY_CSP = ("sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'")


def with_archives(links: list[EvidenceLink]) -> list[dict]:
    """Each link with its archive (None when none was taken yet) and, lacking a copy, where to look."""
    rows = {a.url: a for a in EvidenceArchive.objects.filter(url__in=[e.url for e in links]).defer("body_gz")}
    out = []
    for e in links:
        a = rows.get(e.url)
        out.append({"link": e, "archive": a, "has_copy": bool(a and a.has_copy),
                    "fallback": wayback(e.url) if a is not None and not a.has_copy else ""})
    return out


def public_copy(pk: int) -> EvidenceArchive | None:
    """The archive ``pk`` if it holds a copy of evidence a published check cites (drafts' evidence
    stays unseen)."""
    row = EvidenceArchive.objects.filter(pk=pk).exclude(sha256="").first()
    if row is None or not EvidenceLink.objects.filter(url=row.url, claim__in=Claim.objects.filter(PUBLISHED)).exists():
        return None
    return row


def served(row: EvidenceArchive) -> tuple[bytes, str, str]:
    """(body, content type, content disposition) of a copy: a page as a sandboxed page, a PDF as a
    download, anything else as plain text."""
    body = copy_of(row)
    if row.content_type in HTML_COPY:
        return body, "text/html", ""
    if row.content_type == "application/pdf":
        return body, "application/pdf", f'attachment; filename="evidence-{row.pk}.pdf"'
    return body, "text/plain; charset=utf-8", ""
