"""The import jobs (articles/ingestion/jobs.py) as they run with no broker configured (in process),
their progress and errors in ImportRun, the per-address lock on SQLite (a lock row), and the
beat's schedule in the database. The same jobs on real Redis and worker processes: tests/queue/."""
import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from articles.ingestion import jobs
from articles.models import Article, ImportItem, ImportRun, JobLock, Source
from articles.services import locks
from claimsdb.celery import app
from tests.ingestion.webpages import serve
from tests.services.test_sources import HTML, feed_route, page_requests, rss, story

PORTS = range(8230, 8240)


@pytest.fixture
def web(settings):
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = True
    routes = {f"/story/{i}": (200, HTML, story(i)) for i in range(25)}
    with serve(routes, PORTS) as (base, server):
        routes["/feed"] = (200, {}, feed_route(rss, range(20), '"v1"'))
        yield base, server, routes


def test_without_a_broker_jobs_run_in_process():
    assert app.conf.task_always_eager and app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    assert {"claimsdb.import_url", "claimsdb.poll_source", "claimsdb.poll_due_sources", "claimsdb.after_import",
            "claimsdb.rematch"} <= set(app.tasks)


def test_a_poll_job_imports_the_new_items_as_one_run_counted_on_the_source(db, web):
    base, server, routes = web
    src = Source.objects.create(name="Example", feed_url=f"{base}/feed")
    summary = jobs.submit_poll(src.pk)
    assert summary["status"] == "polled" and (summary["items"], summary["new"]) == (20, 20)
    run = ImportRun.objects.get(pk=summary["run"])
    assert (run.kind, run.status, run.total, run.done, run.created, run.failed) == ("poll", "done", 20, 20, 20, 0)
    assert run.source == src and run.finished_at is not None and run.items.count() == 20
    assert Article.objects.count() == 20 and len(page_requests(server)) == 20
    src.refresh_from_db()
    assert (src.articles_created, src.polls, src.etag) == (20, 1, '"v1"')
    # Polled again: a conditional GET, not modified, no new run.
    assert jobs.submit_poll(src.pk)["status"] == "not modified"
    assert ImportRun.objects.count() == 1 and Article.objects.count() == 20


def test_an_import_job_delivered_twice_stores_and_counts_once(db, web):
    base, server, _ = web
    run = ImportRun.objects.create(kind="url", label="two stories", total=2)
    for _ in range(2):  # a job delivered again (its worker died before acknowledging it)
        jobs.import_url.apply(args=[f"{base}/story/1", run.pk])
    assert len(page_requests(server)) == 1
    run.refresh_from_db()
    assert (run.status, run.done, run.created) == ("running", 1, 1)
    jobs.import_url.apply(args=[f"{base}/story/404", run.pk])
    run.refresh_from_db()
    assert (run.status, run.done, run.created, run.failed) == ("errors", 2, 1, 1)
    failed = run.items.get(status="failed")
    assert failed.target == f"{base}/story/404" and "404" in failed.error
    assert Article.objects.count() == 1


def test_an_item_another_worker_stored_meanwhile_is_not_fetched_again(db, web):
    base, server, _ = web
    jobs.submit_address(f"{base}/story/2")
    run = ImportRun.objects.create(kind="poll", label="feed", total=1)
    jobs.import_url.apply(args=[f"{base}/story/2", run.pk, None, True])
    assert len(page_requests(server)) == 1 and Article.objects.count() == 1
    assert run.items.get().status == "unchanged"


def test_the_same_text_under_another_address_is_a_duplicate(db, web):
    base, _, routes = web
    routes["/copy/1"] = routes["/story/1"]
    jobs.submit_address(f"{base}/story/1")
    run = jobs.submit_address(f"{base}/copy/1")
    assert (run.status, run.duplicates, Article.objects.count()) == ("done", 1, 1)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL takes advisory locks, not lock rows")
def test_the_address_lock_is_a_row_on_sqlite_taken_over_when_its_process_is_gone(db):
    with locks.held("url:https://example.org/a", wait=0):
        assert JobLock.objects.count() == 1
        with pytest.raises(locks.Held):
            with locks.held("url:https://example.org/a", wait=0.1):
                pass
        with locks.held("url:https://example.org/b", wait=0):  # another address: its own lock
            pass
    assert JobLock.objects.count() == 0
    # A row left by a process that died (no such pid here), then one whose time is up.
    dead = os.getpid() + 4_000_000  # above Linux's largest pid
    key = locks._digest("url:https://example.org/a")
    JobLock.objects.create(key=key, holder=f"{locks.socket.gethostname()}:{dead}",
                           expires_at=timezone.now() + timedelta(hours=1))
    with locks.held("url:https://example.org/a", wait=0):
        pass
    JobLock.objects.create(key=key, holder="elsewhere:1", expires_at=timezone.now() - timedelta(seconds=1))
    with locks.held("url:https://example.org/a", wait=0):
        pass
    JobLock.objects.create(key=key, holder="elsewhere:1", expires_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(locks.Held):
        with locks.held("url:https://example.org/a", wait=0):
            pass


def test_the_beat_claims_each_due_source_once(db, web, monkeypatch):
    base, _, _ = web
    due = Source.objects.create(name="Due", feed_url=f"{base}/feed")
    Source.objects.create(name="Later", feed_url=f"{base}/other", next_fetch_at=timezone.now() + timedelta(hours=1))
    Source.objects.create(name="Off", feed_url=f"{base}/off", enabled=False)
    polled = []
    monkeypatch.setattr(jobs.poll_source, "delay", lambda pk, *a: polled.append(pk))
    assert jobs.poll_due_sources.apply().get() == 1
    assert jobs.poll_due_sources.apply().get() == 0  # claimed: its next poll time moved on
    assert polled == [due.pk]
    due.refresh_from_db()
    assert due.next_fetch_at > timezone.now() + timedelta(minutes=59)


def test_the_schedule_is_in_the_database_and_editable_in_the_admin(db, admin_client):
    task = PeriodicTask.objects.get(task="claimsdb.poll_due_sources")
    assert task.enabled and (task.interval.every, task.interval.period) == (1, "minutes")
    page = admin_client.get(f"/admin/django_celery_beat/periodictask/{task.pk}/change/")
    assert page.status_code == 200 and "claimsdb.poll_due_sources" in page.content.decode()


def test_import_seeds_progress_and_errors_are_shown_to_editors(db, admin_client, tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Council votes\n\n5 March 2019\n\nThe council voted on Tuesday, Jane Doe said.\n")
    (tmp_path / "bad.txt").write_text("no header at all\n")
    with pytest.raises(SystemExit):
        call_command("import_seeds", str(tmp_path), verbosity=0)
    run = ImportRun.objects.get()
    assert (run.kind, run.status, run.total, run.done, run.created, run.failed) == ("files", "errors", 2, 2, 1, 1)
    bad = run.items.get(status="failed")
    assert bad.target.endswith("bad.txt") and bad.error
    listing = admin_client.get("/admin/articles/importrun/").content.decode()
    assert "Done, with errors" in listing and "2 / 2" in listing
    detail = admin_client.get(f"/admin/articles/importrun/{run.pk}/change/").content.decode()
    assert "bad.txt" in detail and bad.error.split(":")[0] in detail
    rows = detail.index("bad.txt"), detail.index("good.txt")
    assert rows[0] < rows[1]  # failures first
    assert ImportItem.objects.filter(run=run, status="created", article__isnull=False).count() == 1


def test_the_desk_upkeep_is_scheduled_too(db, monkeypatch):
    """Webhook retries every minute and the evidence rot check daily run as beat jobs; each job is
    the service's own call."""
    tasks = {t.task: t for t in PeriodicTask.objects.filter(enabled=True)}
    assert (tasks["claimsdb.deliver_webhooks"].interval.every, tasks["claimsdb.deliver_webhooks"].interval.period) == (1, "minutes")
    assert (tasks["claimsdb.check_evidence_links"].interval.every, tasks["claimsdb.check_evidence_links"].interval.period) == (1, "days")
    monkeypatch.setattr(jobs.webhooks, "deliver_due", lambda: {"sent": 2})
    monkeypatch.setattr(jobs.evidence, "check_links", lambda: {"checked": 3})
    assert jobs.deliver_webhooks.apply().get() == {"sent": 2}
    assert jobs.check_evidence_links.apply().get() == {"checked": 3}
