"""Evidence that lasts: every evidence link archived when added, and checked now and then for rot.

The copy is taken through the safe fetcher (articles/ingestion/web/fetch.py: public addresses
only, size and time caps), after the commit that added the link, off the editor's request
(:mod:`articles.services.background`). One :class:`EvidenceArchive` per address, shared by every
claim citing it: the copy (gzip), its SHA-256, when and with what HTTP status it was fetched, and
a note when the site refused (with where else a copy may be found). :func:`check_links` (``manage.py
check_evidence_links``, or a scheduled job) records each address's status now, and takes the copy
that was refused before when the site now gives it."""
from __future__ import annotations

import gzip
import hashlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from articles.ingestion.web import fetch
from articles.models import EvidenceArchive, EvidenceLink
from articles.selectors.archives import wayback
from articles.services import background, web

# What may be kept: pages, plain text and data, PDFs (served back as text or sandboxed, never run).
ARCHIVE_TYPES = (*fetch.HTML_TYPES, "text/plain", "text/csv", "application/pdf", "application/json",
                 "application/xml", "text/xml")


def archive_after_commit(urls: list[str]) -> None:
    """Archive the addresses not archived yet, once the links are committed (CLAIMSDB_ARCHIVE_EVIDENCE)."""
    if urls and settings.CLAIMSDB_ARCHIVE_EVIDENCE:
        background.after_commit(archive_missing, list(urls))


def archive_missing(urls: list[str]) -> int:
    """Archive each address that has no stored copy; returns how many copies were taken."""
    have = set(EvidenceArchive.objects.filter(url__in=urls).exclude(sha256="").values_list("url", flat=True))
    return sum(1 for url in dict.fromkeys(urls) if url not in have and archive(url).has_copy)


def _get(url: str) -> fetch.FetchResult:
    return fetch.fetch(url, web.fetch_policy(), accept=ARCHIVE_TYPES)


def archive(url: str) -> EvidenceArchive:
    """Fetch ``url`` and keep a copy (or, when the site refuses, why and where else to look)."""
    now = timezone.now()
    try:
        res = _get(url)
    except fetch.FetchError as exc:
        row, _ = EvidenceArchive.objects.get_or_create(url=url)
        row.fetched_at, row.http_status = now, exc.status
        row.note = (f"No copy could be taken on {now:%Y-%m-%d} ({exc}). The Wayback Machine may have one: "
                    f"{wayback(url)}")
        row.checked_at, row.check_status, row.check_error = now, exc.status, str(exc)[:300]
        row.save()
        return row
    return _keep(url, res, now)


def _keep(url: str, res: fetch.FetchResult, now) -> EvidenceArchive:
    row, _ = EvidenceArchive.objects.get_or_create(url=url)
    row.final_url, row.fetched_at, row.http_status = res.final_url[:2000], res.fetched_at, res.status
    row.content_type = res.content_type[:100]
    row.sha256, row.size = hashlib.sha256(res.body).hexdigest(), len(res.body)
    row.body_gz, row.note = gzip.compress(res.body, 6), ""
    row.checked_at, row.check_status, row.check_error = now, res.status, ""
    row.save()
    return row


def due(days: float | None = None):
    """Archives whose last check is older than ``days`` (default CLAIMSDB_EVIDENCE_CHECK_DAYS)."""
    days = settings.CLAIMSDB_EVIDENCE_CHECK_DAYS if days is None else days
    limit = timezone.now() - timedelta(days=days)
    return EvidenceArchive.objects.filter(checked_at__lt=limit) | EvidenceArchive.objects.filter(checked_at=None)


def check_links(days: float | None = None, limit: int | None = None) -> dict[str, int]:
    """The rot check: archive evidence addresses never archived, then fetch each archived address
    not checked for ``days`` and record its status (a copy refused before is taken if it comes now).
    Returns {"archived", "checked", "ok", "broken"}."""
    known = set(EvidenceArchive.objects.values_list("url", flat=True))
    missing = [u for u in EvidenceLink.objects.values_list("url", flat=True).distinct() if u not in known]
    counts = {"archived": 0, "checked": 0, "ok": 0, "broken": 0}
    for url in missing[:limit] if limit else missing:
        counts["archived"] += archive(url).has_copy
    rows = due(days).order_by("checked_at", "id")
    for row in rows[:limit] if limit else rows:
        now = timezone.now()
        try:
            res = _get(row.url)
        except fetch.FetchError as exc:
            row.checked_at, row.check_status, row.check_error = now, exc.status, str(exc)[:300]
            row.save(update_fields=["checked_at", "check_status", "check_error"])
            counts["broken"] += 1
        else:
            if row.has_copy:
                row.checked_at, row.check_status, row.check_error = now, res.status, ""
                row.save(update_fields=["checked_at", "check_status", "check_error"])
            else:
                _keep(row.url, res, now)
            counts["ok"] += 1
        counts["checked"] += 1
    return counts
