"""What the public may read of the editors' review. One rule, shared by the public pages, feeds,
ClaimReview, a speaker's record and the API: a check is public once its claim is checked with a
verdict (:attr:`Claim.is_published`, :data:`articles.models.PUBLISHED`). Anonymous and non-staff
readers see an unpublished claim as not checked: status "new", no verdict, rationale, evidence,
review time or editor's wording, and its history without them; filtering or ordering by status,
verdict or review time cannot tell drafts apart either. Signed-in staff (editors, viewers) see everything."""
from __future__ import annotations

from django.db.models import QuerySet

from articles.extraction.text import reviewed_wording
from articles.models import Claim, ReviewEvent
from articles.publishing.rule import PUBLISHED, is_published

# Review fields of the history: a draft's values of these are the editors' business.
HISTORY_REVIEW_KEYS = frozenset({"status", "verdict", "rationale", "claim_reviewed", "evidence"})
HISTORY_STAFF_KEYS = frozenset({"assignee"})  # who works on what: the desk's business


def published_checks() -> QuerySet:
    """Every claim whose check is published."""
    return Claim.objects.filter(PUBLISHED)


def sees_drafts(user) -> bool:
    """May ``user`` read review work before publication? Signed-in staff only."""
    return bool(user is not None and user.is_authenticated and user.is_staff)


def shows_review(claim, drafts: bool) -> bool:
    """Are ``claim``'s review fields shown to a reader (``drafts``: one who sees drafts)?
    ``claim`` is a model instance or a listed row with ``status`` and ``verdict``."""
    return drafts or is_published(claim.status, claim.verdict)


def public_status(claim) -> str:
    """The status the public sees: checked once published, else new (draft states stay inside)."""
    return Claim.Status.CHECKED if is_published(claim.status, claim.verdict) else Claim.Status.NEW


def public_wording(claim) -> str:
    """The wording a reader who does not see drafts is shown: the editor's once published, else the
    claim's text cleaned (the wording any published check would default to)."""
    if is_published(claim.status, claim.verdict) and claim.claim_reviewed.strip():
        return claim.claim_reviewed.strip()
    return reviewed_wording(claim.text)


def by_status(qs: QuerySet, value: str, drafts: bool) -> QuerySet:
    """Claims of status ``value``, as the reader sees statuses (:func:`public_status`)."""
    if drafts:
        return qs.filter(status=value)
    if value == Claim.Status.CHECKED:
        return qs.filter(PUBLISHED)
    if value == Claim.Status.NEW:
        return qs.exclude(PUBLISHED)
    return qs.none()


def by_verdict(qs: QuerySet, value: str, drafts: bool) -> QuerySet:
    """Claims with verdict ``value`` as the reader sees verdicts: published ones only, unless ``drafts``."""
    qs = qs.filter(verdict=value)
    return qs if drafts else qs.filter(PUBLISHED)


def _initial_state(claim: Claim, events: list[ReviewEvent]) -> dict[str, str]:
    """Status and verdict before the first event: each field's old value where it first changed."""
    state = {"status": claim.status, "verdict": claim.verdict}
    for key in state:
        first = next((e.changes[key] for e in events if key in e.changes), None)
        if first is not None:
            state[key] = first[0]
    return state


def _public_changes(changes: dict, before: bool, after: bool) -> dict:
    """One event's changes as the public sees them, published ``before`` and/or ``after`` it."""
    out = {}
    for key, (old, new) in changes.items():
        if key in HISTORY_STAFF_KEYS:
            continue
        if key == "status":
            old, new = (Claim.Status.CHECKED if before else Claim.Status.NEW,
                        Claim.Status.CHECKED if after else Claim.Status.NEW)
        elif key in HISTORY_REVIEW_KEYS:
            old, new = old if before else "", new if after else ""
        if old != new:
            out[key] = [old, new]
    return out


def public_history(claim: Claim, events) -> list[ReviewEvent]:
    """The history a reader who does not see drafts gets: every event (when it happened), but the
    review fields' values only where the check was published on that side of the event (so none
    before publication, nor at all while the check is unpublished or withdrawn), and without the
    desk's assignments. ``events``: the claim's events, in any order; returns new, unsaved
    ReviewEvent objects, newest first (as the model orders them)."""
    events = sorted(events, key=lambda e: (e.at, e.pk))
    state = _initial_state(claim, events)
    now = claim.is_published
    out = []
    for e in events:
        before = now and is_published(state["status"], state["verdict"])
        state.update({key: e.changes[key][1] for key in ("status", "verdict") if key in e.changes})
        after = now and is_published(state["status"], state["verdict"])
        out.append(ReviewEvent(pk=e.pk, claim_id=e.claim_id, user=e.user, at=e.at,
                               changes=_public_changes(e.changes, before, after)))
    return out[::-1]
