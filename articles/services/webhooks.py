"""Outbound webhooks: the desk's events told to the tools the team works in.

Each event makes one :class:`WebhookDelivery` a subscribed, active :class:`Webhook` (in the
transaction that caused it: a rolled-back change announces nothing). The first attempt follows
the commit (:mod:`articles.services.background`); a failed one is tried again after
CLAIMSDB_WEBHOOK_BACKOFF seconds, twice that, and so on, up to CLAIMSDB_WEBHOOK_ATTEMPTS attempts
(:func:`deliver_due`, run by ``manage.py deliver_webhooks`` or a scheduled job).

The body is JSON: ``{"event", "delivery", "timestamp", ...the event's data}`` (a Slack-compatible
webhook gets ``{"text": ..., "claimsdb": that}``). Headers: ``X-ClaimsDB-Signature: sha256=<hex>``,
the HMAC-SHA256 of the raw body under the webhook's secret; ``X-ClaimsDB-Timestamp`` (Unix
seconds, the same as the body's ``timestamp``, so a receiver can refuse old replays);
``X-ClaimsDB-Event`` and ``X-ClaimsDB-Delivery``. Addresses go through the fetcher's checks
(articles/ingestion/web/fetch.py): no loopback or private network unless CLAIMSDB_FETCH_ALLOW_PRIVATE=1.
"""
from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import time
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.ingestion.web import fetch
from articles.models import Claim, ClaimCorrection, ClaimMatch, Webhook, WebhookDelivery
from articles.selectors import claimreview
from articles.selectors import claims as claim_selectors
from articles.services import background, web

Event = Webhook.Event
SIGNATURE_HEADER = "X-ClaimsDB-Signature"
TIMESTAMP_HEADER = "X-ClaimsDB-Timestamp"
LEASE = timedelta(minutes=5)  # a delivery being sent is not picked up again before this
TIMEOUT = (5.0, 10.0)


def sign(secret: str, body: bytes) -> str:
    """The signature header's value for ``body``: ``sha256=`` and the hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    """Does ``signature`` (the header's value) sign ``body``? (What a receiver checks.)"""
    return hmac.compare_digest(sign(secret, body), signature or "")


# -- events in -----------------------------------------------------------------------------------

def emit(event: str, payloads: list[dict]) -> list[WebhookDelivery]:
    """One delivery per payload for every active webhook subscribed to ``event``; sent after commit."""
    hooks = [w for w in Webhook.objects.filter(active=True) if event in (w.events or [])]
    if not hooks or not payloads:
        return []
    now = timezone.now()
    rows = WebhookDelivery.objects.bulk_create([
        WebhookDelivery(webhook=w, event=event, payload=p, next_attempt_at=now) for p in payloads for w in hooks])
    background.after_commit(deliver, [r.pk for r in rows])
    return rows


def _admin_url(claim_id: int) -> str:
    return claimreview.public_base() + reverse("admin:articles_claim_change", args=[claim_id])


def claim_data(claim: Claim) -> dict:
    """What a message says of a claim (internal: the team's own tools)."""
    who = (claim.speaker.name if claim.speaker_id else claim.organisation.name if claim.organisation_id
           else claim.speaker_text)
    data = {"id": claim.pk, "text": claim.text, "speaker": who or None, "admin_url": _admin_url(claim.pk),
            "article": {"id": claim.article_id, "title": claim.article.title,
                        "url": claim.article.source_url or None}}
    if claim.is_published:
        data.update(verdict=claim.verdict, rating=claimreview.RATINGS[claim.verdict][1],
                    claim_reviewed=claimreview.wording(claim), public_url=claimreview.public_url(claim.pk))
    return data


def published(claim: Claim) -> None:
    emit(Event.PUBLISHED, [{"claim": claim_data(claim)}])


def corrected(correction_id: int) -> None:
    """A correction or update of a published check (called after commit: the record as saved)."""
    c = ClaimCorrection.objects.select_related("claim__article", "claim__speaker", "claim__organisation").get(
        pk=correction_id)
    emit(Event.CORRECTED, [{"claim": claim_data(c.claim), "correction": {
        "kind": c.kind, "reason": c.reason, "fields": c.fields, "changes": c.changes, "at": c.at.isoformat()}}])


def assigned(claim: Claim, assignee, by) -> None:
    if assignee is None:
        return
    emit(Event.ASSIGNED, [{"claim": claim_data(claim), "assignee": assignee.get_username(),
                           "by": by.get_username() if by is not None and by.is_authenticated else None}])


def matched(claims: list[Claim]) -> None:
    """New claims that match a check already in the library: each with its best match."""
    if not claims or not any(Event.MATCHED in (w.events or []) for w in Webhook.objects.filter(active=True)):
        return
    best: dict[int, ClaimMatch] = {}
    for m in (ClaimMatch.objects.filter(claim__in=claims).select_related("factcheck")
              .defer(*claim_selectors.FACTCHECK_BLOBS).order_by("claim_id", "-score")):
        best.setdefault(m.claim_id, m)
    emit(Event.MATCHED, [{"claim": claim_data(c), "factcheck": {
        "url": best[c.pk].factcheck.url, "claim_reviewed": best[c.pk].factcheck.claim_reviewed,
        "rating": best[c.pk].factcheck.rating, "publisher": best[c.pk].factcheck.publisher,
        "score": best[c.pk].score, "level": best[c.pk].level}} for c in claims if c.pk in best])


def repeated(claims: list[Claim]) -> None:
    """Claims that joined the family of a published check: the statement is repeated elsewhere."""
    families = {c.family_id for c in claims if c.family_id}
    if not families or not any(Event.REPEATED in (w.events or []) for w in Webhook.objects.filter(active=True)):
        return
    checked: dict[int, Claim] = {}
    for c in (Claim.objects.filter(Q(family_id__in=families), status=Claim.Status.CHECKED).exclude(verdict="")
              .select_related("article", "speaker", "organisation").order_by("-reviewed_at", "-id")):
        checked.setdefault(c.family_id, c)
    emit(Event.REPEATED, [{"claim": claim_data(c), "checked": claim_data(checked[c.family_id])}
                          for c in claims if c.family_id in checked and checked[c.family_id].pk != c.pk])


class ImportWatch:
    """What an import changes that the webhooks tell: made before the import's families and
    matches are stored (:meth:`tell` after), it reads only what a webhook listens to."""

    def __init__(self, claims: list[Claim]):
        self.claims = claims
        self.events = {e for w in Webhook.objects.filter(active=True) for e in (w.events or [])}
        self.families = {c.pk: c.family_id for c in claims} if Event.REPEATED in self.events else {}
        self.matched = (set(ClaimMatch.objects.filter(claim__in=claims).values_list("claim_id", flat=True))
                        if Event.MATCHED in self.events else set())

    def tell(self) -> None:
        if Event.REPEATED in self.events:
            repeated([c for c in self.claims if c.family_id and c.family_id != self.families.get(c.pk)])
        if Event.MATCHED in self.events:
            matched([c for c in self.claims if c.pk not in self.matched])


# -- deliveries out ------------------------------------------------------------------------------

def summary(event: str, data: dict) -> str:
    """One line for a chat channel."""
    claim = data.get("claim", {})
    text = f"“{claim.get('claim_reviewed') or claim.get('text', '')}”"
    link = claim.get("public_url") or claim.get("admin_url", "")
    if event == Event.MATCHED:
        fc = data["factcheck"]
        return f"New claim matches a check: {text} — {fc['publisher']}: {fc['rating']} ({fc['url']}) {link}"
    if event == Event.REPEATED:
        return f"A checked claim is repeated: {text} in “{claim['article']['title']}” {link}"
    if event == Event.ASSIGNED:
        return f"Claim assigned to {data['assignee']}: {text} {link}"
    if event == Event.PUBLISHED:
        return f"Published: {claim.get('rating')}: {text} {link}"
    if event == Event.CORRECTED:
        c = data["correction"]
        return f"{c['kind'].capitalize()} of a check: {text}. {c['reason']} {link}"
    return f"{event}: {text} {link}"


def body(delivery: WebhookDelivery, timestamp: int) -> bytes:
    data = {"event": delivery.event, "delivery": delivery.pk, "timestamp": timestamp, **delivery.payload}
    if delivery.webhook.slack:
        data = {"text": summary(delivery.event, delivery.payload), "claimsdb": data}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: the base, doubling, at most a day."""
    return timedelta(seconds=min(86400.0, settings.CLAIMSDB_WEBHOOK_BACKOFF * 2 ** (attempts - 1)))


def attempt(delivery: WebhookDelivery) -> WebhookDelivery:
    """Send one delivery now and log the outcome (delivered; the next attempt's time; given up)."""
    policy = dataclasses.replace(web.fetch_policy(), connect_timeout=TIMEOUT[0], read_timeout=TIMEOUT[1])
    ts = int(time.time())
    raw = body(delivery, ts)
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(delivery.webhook.secret, raw),
               TIMESTAMP_HEADER: str(ts), "X-ClaimsDB-Event": delivery.event, "X-ClaimsDB-Delivery": str(delivery.pk)}
    delivery.attempts += 1
    try:
        status, error = fetch.post(delivery.webhook.url, raw, headers, policy), ""
    except fetch.FetchError as exc:
        status, error = exc.status, str(exc)
    if status is not None and not 200 <= status < 300:
        error = f"HTTP {status}"
    now = timezone.now()
    delivery.status_code, delivery.error = status, error
    if not error:
        delivery.state, delivery.delivered_at, delivery.next_attempt_at = WebhookDelivery.State.DELIVERED, now, None
    elif delivery.attempts >= settings.CLAIMSDB_WEBHOOK_ATTEMPTS:
        delivery.state, delivery.next_attempt_at = WebhookDelivery.State.FAILED, None
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save(update_fields=["attempts", "status_code", "error", "state", "delivered_at", "next_attempt_at"])
    return delivery


def _take(delivery: WebhookDelivery, now) -> bool:
    """Claim a due delivery for this runner (another runner skips it while the lease lasts)."""
    return bool(WebhookDelivery.objects.filter(
        pk=delivery.pk, state=WebhookDelivery.State.PENDING, next_attempt_at=delivery.next_attempt_at,
    ).update(next_attempt_at=now + LEASE))


def deliver_due(ids: list[int] | None = None, limit: int = 500) -> dict[str, int]:
    """Send the pending deliveries that are due (of ``ids`` only, if given), for active webhooks.
    Returns {"delivered", "retrying", "failed"} counts."""
    now = timezone.now()
    due = (WebhookDelivery.objects.filter(state=WebhookDelivery.State.PENDING, next_attempt_at__lte=now,
                                          webhook__active=True)
           .select_related("webhook").order_by("next_attempt_at", "id"))
    if ids is not None:
        due = due.filter(pk__in=ids)
    counts = {"delivered": 0, "retrying": 0, "failed": 0}
    for d in list(due[:limit]):
        if not _take(d, now):
            continue
        attempt(d)
        key = {"delivered": "delivered", "failed": "failed"}.get(d.state, "retrying")
        counts[key] += 1
    return counts


def deliver(ids: list[int]) -> None:
    """The first attempt of new deliveries (after the commit that made them)."""
    deliver_due(ids)


def retry_now(deliveries) -> int:
    """Make deliveries (pending or given up) due now: the admin's "send again"."""
    return WebhookDelivery.objects.filter(pk__in=[d.pk for d in deliveries]).exclude(
        state=WebhookDelivery.State.DELIVERED).update(state=WebhookDelivery.State.PENDING, next_attempt_at=timezone.now())
