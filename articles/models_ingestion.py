"""The import queue's records: runs editors follow in the admin and the lock rows of SQLite.
Kept beside models.py (and re-exported by it) to keep each module of the app under 700 lines."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportRun(models.Model):
    """One import as editors follow it in the admin: an import_seeds run, a source's poll, an
    address added by hand. Its counts and per-item errors are written by the jobs doing the work
    (articles/ingestion/jobs.py) and by import_seeds, as they go."""

    class Kind(models.TextChoices):
        FILES = "files", "Files (import_seeds)"
        POLL = "poll", "Source poll"
        URL = "url", "Address"

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        DONE_WITH_ERRORS = "errors", "Done, with errors"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = models.CharField(max_length=500, help_text="What was imported: paths, a feed or an address.")
    source = models.ForeignKey("articles.Source", on_delete=models.SET_NULL, null=True, blank=True, related_name="runs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING, db_index=True)
    message = models.TextField(blank=True, help_text="Why the run as a whole failed, or what is left to do.")
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0, help_text="Files or addresses to import.")
    done = models.PositiveIntegerField(default=0, help_text="Of those, processed so far.")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0, help_text="The same text is stored under another address.")
    failed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}: {self.label[:80]}"


class ImportItem(models.Model):
    """One file or address of a run, processed once: a job run again (a worker died before it
    acknowledged) finds its item and counts nothing twice."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="items")
    target = models.CharField(max_length=1000, help_text="The file's path or the address.")
    status = models.CharField(max_length=10, help_text="created, updated, unchanged, duplicate or failed.")
    error = models.TextField(blank=True)
    article = models.ForeignKey("articles.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["run", "target"], name="importitem_unique_target")]

    def __str__(self):
        return f"{self.target}: {self.status}"


class JobLock(models.Model):
    """A lock row (on SQLite; PostgreSQL uses advisory locks): one worker at a time imports an
    address. A worker that died leaves its row, taken over once ``expires_at`` passes."""

    key = models.CharField(max_length=64, unique=True)
    holder = models.CharField(max_length=100)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.key} ({self.holder})"
