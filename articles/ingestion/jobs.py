"""Background jobs on Celery (claimsdb/celery.py): fetching and importing one address, polling one
source, the beat's "poll the sources that are due", the steps after an import, and matching the
claims again after the fact-check library changed. Each job is a thin call into the services
(articles/services/ingest.py and friends), which do the work idempotently: a job may run twice
(late acknowledgement delivers a job again when its worker died before finishing it).

With no broker configured the same jobs run in the calling process (CELERY_TASK_ALWAYS_EAGER)."""
from __future__ import annotations

from celery import shared_task
from celery.result import EagerResult

from articles.services import evidence, import_runs, ingest, locks, post_import, rematch, retry, webhooks

# Acknowledged once done; delivered again when the worker process died meanwhile.
LATE = {"acks_late": True, "reject_on_worker_lost": True}
# Another worker holds the address's lock, or the database stayed busy: later, with growing pauses.
RETRY = {"autoretry_for": (locks.Held, retry.Busy), "retry_backoff": 2, "retry_backoff_max": 120, "max_retries": 8}


class StepsUnfinished(Exception):
    """A post-import step could not finish (the database was busy): the job is run again."""


@shared_task(name="claimsdb.import_url", **LATE, **RETRY)
def import_url(url: str, run_id: int, source_id: int | None = None, new_only: bool = False) -> str | None:
    """Fetch, read, store and match one address as an item of a run."""
    closing = ingest.import_address(url, run_id, source_id, new_only)
    if closing and import_runs.changed_anything(run_id):
        after_import.delay()
    return closing


@shared_task(name="claimsdb.poll_source", **LATE, **RETRY)
def poll_source(source_id: int, user_id: int | None = None) -> dict:
    """Poll one source (a conditional GET); each new item becomes an import_url job."""
    def enqueue(url: str, run_id: int) -> None:
        import_url.delay(url, run_id, source_id, True)

    return ingest.poll(source_id, enqueue, user=user_id)


@shared_task(name="claimsdb.poll_due_sources", **LATE)
def poll_due_sources() -> int:
    """The beat's job (django-celery-beat, every minute by default): a poll job for each due source."""
    due = ingest.claim_due_sources()
    for pk in due:
        poll_source.delay(pk)
    return len(due)


@shared_task(name="claimsdb.after_import", **LATE, autoretry_for=(StepsUnfinished,), retry_backoff=5, max_retries=5)
def after_import() -> int:
    """The steps after storing (services/post_import): surnames linked, claims scored; they work from
    what is not yet done, so running them twice is harmless."""
    closing = post_import.run()
    if closing.errors:
        raise StepsUnfinished("; ".join(closing.errors))
    return sum(closing.linked.values())


@shared_task(name="claimsdb.rematch", **LATE, **RETRY)
def rematch_claims() -> int:
    """Match the stored claims again against what changed in the fact-check library."""
    return rematch.catch_up()


@shared_task(name="claimsdb.fill_match_vectors", **LATE)
def fill_match_vectors() -> int:
    """The sentence encoder's vectors for the match index's segments that lack them (a large import
    leaves them here: ~45-100 core-minutes for 300,000 fact-checks); idempotent. Once the library has
    them all, the stored claims are matched again (the fallback model had matched them)."""
    from articles.services import match_index

    return match_index.fill_and_rematch()["rows"]


@shared_task(name="claimsdb.deliver_webhooks", **LATE)
def deliver_webhooks() -> dict[str, int]:
    """The beat's job (every minute): webhook deliveries that are due, retried with backoff."""
    return webhooks.deliver_due()


@shared_task(name="claimsdb.check_evidence_links", **LATE)
def check_evidence_links() -> dict[str, int]:
    """The beat's job (daily): evidence links not checked for a while fetched again (link rot)."""
    return evidence.check_links()


def submit_address(url: str, user=None):
    """An editor's address as a run of one import job; in process without a broker (the run is done
    when this returns), else queued. Returns the run."""
    run = import_runs.start("url", url, total=1, user=user)
    import_url.delay(url, run.pk)
    run.refresh_from_db()
    return run


def submit_poll(source_id: int, user=None) -> dict | None:
    """Poll a source now: in process without a broker (its summary returned, the items imported),
    else queued (None)."""
    job = poll_source.delay(source_id, getattr(user, "pk", None))
    return job.result if isinstance(job, EagerResult) else None
