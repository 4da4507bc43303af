"""The work of the import jobs (articles/ingestion/jobs.py runs these on Celery workers, or in
process when no broker is configured): one address fetched, read, stored and matched under a
per-address lock; a source polled, its new items handed out one job each; every item counted once
in its ImportRun, so a job run again after its worker died counts nothing twice and stores nothing
twice (the article's unique key is its canonical address, and the same text under another address
is a duplicate, checked under a lock on the text's hash in the storing transaction)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from articles.entities.selectors import known_people
from articles.ingestion import persistence
from articles.ingestion.persistence import FileResult, RunCache
from articles.models import Source
from articles.services import import_runs, locks, reader, retry, sources

# How long a job waits for another worker's lock on the same address before it is retried later.
LOCK_WAIT = 30.0
Enqueue = Callable[[str, int], None]  # (address, run id): one import job


def import_page(url: str, fallback_publisher: str | None = None, attempts: int = 1) -> FileResult:
    """Fetch, read, extract, store and match one address: the one call the jobs make into the import
    pipeline. Status "duplicate" when an article with the same text is stored under another address."""
    polite = _politeness()
    polite.wait(url)
    target = reader.WebAddress(url, polite.policy, attempts=attempts)
    prep = reader.prepare_url(target, known_people(), settings.CLAIMSDB_EXTRACT_SECONDS)
    if prep.error:
        return FileResult(url, "failed", error=prep.error)
    if prep.parsed.publisher is None and fallback_publisher:
        prep.parsed.publisher = fallback_publisher  # the page names none: the source's publisher
    try:
        return retry.run(_store_unique, prep)
    except retry.Busy as exc:
        return FileResult(url, "failed", error=f"could not store: {exc}; it is tried again at the next poll")


def _store_unique(prep: reader.Prepared) -> FileResult:
    """One transaction: the text's hash locked, then checked, then the article stored."""
    if prep.snapshot and prep.snapshot.content_sha256:
        locks.in_transaction(f"content:{prep.snapshot.content_sha256}")
        if sources.is_duplicate(prep):
            return FileResult(prep.path, "duplicate")
    return persistence.store([prep], RunCache())[0]


def import_address(url: str, run_id: int, source_id: int | None = None, new_only: bool = False) -> str | None:
    """Import one address as an item of a run (a source's new item, or an editor's address). Under
    the address's lock: an item its run already has (the job ran before) is skipped, and with
    ``new_only`` an address another worker stored meanwhile is not fetched again. Returns the run's
    closing status when this item finished the run, else None. ``locks.Held``: retry later."""
    run = import_runs.get(run_id)
    if run is None or import_runs.has_item(run, url):
        return None
    source = Source.objects.filter(pk=source_id).select_related("publisher").first() if source_id else None
    with locks.held(f"url:{url}", wait=LOCK_WAIT):
        if import_runs.has_item(run, url):
            return None
        if new_only and sources.known_links([url]):
            result = FileResult(url, "unchanged")
        else:
            publisher = source.publisher.name if source and source.publisher_id else None
            result = import_page(url, publisher, attempts=sources.POLL_ATTEMPTS if source else 1)
        counted = import_runs.record(run, url, result)
    if counted and source is not None:
        _count_on_source(source, result)
    return import_runs.finish_if_done(run)


def _count_on_source(source: Source, result: FileResult) -> None:
    field = {"created": "articles_created", "updated": "articles_updated", "duplicate": "duplicates",
             "failed": "failures"}.get(result.status)
    changes = {field: F(field) + 1} if field else {}
    if result.status == "failed":
        changes["last_error"] = f"{result.path}: {result.error}"[:2000]
    if changes:
        Source.objects.filter(pk=source.pk).update(**changes)


def poll(source_id: int, enqueue: Enqueue, user=None) -> dict:
    """Poll one source (conditional GET); its new items, those robots.txt allows, go out as import
    jobs of one run. A summary: status (polled, not modified, failed; skipped when the source is
    gone or another worker is polling it right now), items, new, error and the run's id."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return {"status": "skipped"}
    polite = _politeness()
    runs = []

    def hand_out(result: sources.PollResult, links: list[str]) -> None:
        if not links:
            return
        run = import_runs.start("poll", source.feed_url, total=len(links), source=source, user=user)
        runs.append(run)
        allowed = []
        for link in links:
            if polite.allowed(link):
                allowed.append(link)
            else:
                failed = FileResult(link, "failed", error="robots.txt does not allow it")
                import_runs.record(run, link, failed)
                result.item_errors.append((link, failed.error))
        import_runs.finish_if_done(run)
        for link in allowed:
            enqueue(link, run.pk)

    try:
        with locks.held(f"source:{source_id}", wait=0):
            result = sources.poll(source, polite, hand_out=hand_out)
    except locks.Held:
        return {"status": "skipped"}
    if result.status == "failed":
        runs.append(import_runs.start("poll", source.feed_url, total=0, source=source, user=user))
        import_runs.fail(runs[0], result.error)
    return {"status": result.status, "items": result.items, "new": result.new, "error": result.error,
            "run": runs[0].pk if runs else None}


def claim_due_sources(now=None) -> list[int]:
    """The ids of the sources due for a poll, each claimed (its next poll time moved on) so that a
    second beat or a slow poll does not hand it out twice."""
    now = now or timezone.now()
    claimed = []
    for pk, minutes in sources.due(now).values_list("pk", "poll_minutes"):
        later = now + timedelta(minutes=minutes)
        if sources.due(now).filter(pk=pk).update(next_fetch_at=later):
            claimed.append(pk)
    return claimed


_polite: sources.Politeness | None = None


def _politeness() -> sources.Politeness:
    """One per worker process: the jobs it runs one after another keep each host's minimum delay."""
    global _polite
    if (_polite is None or _polite.policy != sources.web.fetch_policy()
            or _polite.delay != settings.CLAIMSDB_FETCH_HOST_DELAY):
        _polite = sources.politeness()
    return _polite
