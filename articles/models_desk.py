"""The desk's outward records: corrections of published checks, archived copies of evidence, and
outbound webhooks with their delivery log. Imported by articles.models (one app, one models module)."""
from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class ClaimCorrection(models.Model):
    """A change to a published check's verdict, rationale or evidence, on the record (IFCN
    principle 5): an update (new information) or a correction (a mistake put right), with its reason."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    claim = models.ForeignKey("articles.Claim", on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reason = models.TextField(help_text="What changed and why, as readers will see it.")
    fields = models.JSONField(default=list, help_text='What changed: ["verdict", "rationale", "evidence"].')
    changes = models.JSONField(default=dict, help_text='The verdict before and after: {"verdict": [old, new]}.')
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} of claim {self.claim_id} on {self.at:%Y-%m-%d}"


class EvidenceArchive(models.Model):
    """A stored copy of an evidence link (one per address, shared by every claim citing it), and
    the address's health: the last rot check's status."""

    url = models.URLField(max_length=1000, unique=True)
    final_url = models.URLField(max_length=2000, blank=True, help_text="The address after redirects.")
    fetched_at = models.DateTimeField(null=True, blank=True, help_text="When the copy was taken (or last tried).")
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the copy (uncompressed); blank: none.")
    size = models.PositiveIntegerField(default=0, help_text="Bytes, uncompressed.")
    body_gz = models.BinaryField(editable=False, default=bytes)
    note = models.TextField(blank=True, help_text="Why there is no copy (the site refused, timed out, ...).")
    checked_at = models.DateTimeField(null=True, blank=True, db_index=True, help_text="Last rot check.")
    check_status = models.PositiveSmallIntegerField(null=True, blank=True, help_text="HTTP status at the last check.")
    check_error = models.CharField(max_length=300, blank=True, help_text="Why the last check failed.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return self.url

    @property
    def has_copy(self) -> bool:
        return bool(self.sha256)


class Webhook(models.Model):
    """An address told about the desk's events: a JSON POST signed with HMAC-SHA256 (services/webhooks.py)."""

    class Event(models.TextChoices):
        MATCHED = "claim.matched", "A new claim matches an existing check"
        REPEATED = "claim.repeated", "A checked claim is repeated elsewhere"
        ASSIGNED = "claim.assigned", "A claim is assigned to someone"
        PUBLISHED = "check.published", "A check is published"
        CORRECTED = "check.corrected", "A check is corrected or updated"

    name = models.CharField(max_length=200)
    url = models.URLField(max_length=1000, verbose_name="address")
    secret = models.CharField(max_length=200, blank=True,
                              help_text="Signs each body (HMAC-SHA256, header X-ClaimsDB-Signature); "
                                        "left empty, a random one is made when saved.")
    events = models.JSONField(default=list, blank=True, help_text="The events sent to this address.")
    slack = models.BooleanField(default=False, verbose_name="Slack-compatible body",
                                help_text='Send {"text": ...} (a Slack or Mattermost incoming webhook), '
                                          'the event under "claimsdb".')
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @staticmethod
    def new_secret() -> str:
        return secrets.token_hex(32)

    def save(self, *args, **kwargs):
        # Made here (and offered by the admin's form), not as a field default: a callable default
        # would tie the migrations to live code.
        if not self.secret:
            self.secret = self.new_secret()
        super().save(*args, **kwargs)


class WebhookDelivery(models.Model):
    """One event for one webhook: the log of its attempts, and when the next one is due."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed (gave up)"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, db_index=True)
    payload = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True, help_text="HTTP status of the last attempt.")
    error = models.TextField(blank=True, help_text="Why the last attempt failed.")
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} → {self.webhook} ({self.get_state_display()})"
