"""The editors' review of a claim: every change is stamped and kept as history.

Optimistic locking: every review write raises ``Claim.version`` by one, and a write is made only
from the version the editor read (the admin form's hidden field, the API's ``version`` or
``If-Match``; else the version loaded). A write from an older version raises :class:`StaleClaim`
and writes nothing, so a stale screen never reverts someone else's check."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone

from articles.models import Claim, ReviewEvent, is_published
from articles.services import corrections, evidence, factchecks, retry, source_kinds, webhooks
from articles.services.corrections import Correction, CorrectionNeeded  # noqa: F401  (callers catch it here)

REVIEW_FIELDS = ("status", "verdict", "rationale", "claim_reviewed")


def _plain(value):
    return "" if value is None else str(value)


class StaleClaim(Exception):
    """The claim changed after the editor read it: the write would undo that change."""

    def __init__(self, claim_id: int, expected: int):
        self.claim_id, self.expected = claim_id, expected
        self.current = Claim.objects.filter(pk=claim_id).values_list("version", flat=True).first()
        last = ReviewEvent.objects.filter(claim_id=claim_id).select_related("user").order_by("-at", "-id").first()
        by = ""
        if last is not None:
            who = f" by {last.user.get_username()}" if last.user else ""
            by = f"{who} at {last.at:%Y-%m-%d %H:%M} UTC"
        super().__init__(
            f"Claim #{claim_id} was changed{by} after you opened it (you had version {expected}, it is now at "
            f"version {self.current}). Nothing was saved: open the claim again to see the change, then redo yours.")


PUBLISH_PERMISSION = "articles.publish_claim"


class NotAllowed(PermissionDenied):
    """The write would publish a check, and the user may not publish (``publish_claim``)."""


def may_publish(user) -> bool:
    """May ``user`` publish a check? (None: the system, e.g. an import.)"""
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def _guard_publication(before: Claim, status: str, verdict: str, user) -> None:
    """Every review write that makes a check public (``before`` as stored, ``status`` and
    ``verdict`` as written) needs the publish permission. Checked before anything changes."""
    if not before.is_published and is_published(status, verdict) and not may_publish(user):
        raise NotAllowed("Publishing a check needs the permission to publish (publish_claim).")


def check_version(claim: Claim, expected: int) -> None:
    """Raise :class:`StaleClaim` unless the stored ``claim`` is still at version ``expected``
    (a form's check before anything is written; the write itself checks again, under a lock)."""
    current = Claim.objects.filter(pk=claim.pk).values_list("version", flat=True).first()
    if current is not None and current != expected:
        raise StaleClaim(claim.pk, expected)


def hold(claim: Claim, expected: int | None = None) -> None:
    """Begin a review write (inside its transaction): lock the claim's row, and raise
    :class:`StaleClaim` unless it is still at ``expected`` (default: the version ``claim`` was
    loaded at). One conditional UPDATE, so two writers from one version cannot both pass."""
    expected = claim.version if expected is None else expected
    if not Claim.objects.filter(pk=claim.pk, version=expected).update(version=expected):
        raise StaleClaim(claim.pk, expected)
    claim.version = expected


def _bump(claim: Claim) -> None:
    """A review write made after :func:`hold` (evidence, mentions, assignee): one version more."""
    Claim.objects.filter(pk=claim.pk).update(version=F("version") + 1)
    claim.version += 1


@retry.atomic
def apply_review(claim: Claim, user, *, version: int | None = None, correction: Correction | None = None,
                 **changes) -> ReviewEvent | None:
    """Change review fields of ``claim``; a verdict change sets the reviewer and the review time.
    ``version``: the version the editor read (default: the one ``claim`` was loaded at); an older
    one than stored raises :class:`StaleClaim`, with nothing written. A published check's verdict
    or rationale changes only with a ``correction`` (else :class:`CorrectionNeeded`, nothing written).

    Returns the ReviewEvent written, or None when nothing changed.
    """
    unknown = set(changes) - set(REVIEW_FIELDS)
    if unknown:
        raise ValueError(f"not review fields: {', '.join(sorted(unknown))}")
    hold(claim, version)
    _guard_publication(claim, changes.get("status", claim.status), changes.get("verdict", claim.verdict), user)
    was = claim.is_published
    diff = {name: [_plain(getattr(claim, name)), _plain(value)] for name, value in changes.items()
            if _plain(getattr(claim, name)) != _plain(value)}
    if not diff:
        return None
    corrections.require(was, diff, correction)
    for name in diff:
        setattr(claim, name, changes[name])
    stamp_verdict(claim, user, diff)
    claim.version += 1
    claim.save()
    _published(claim, diff)
    _announce(claim, user, was, diff, correction)
    return record(claim, user, diff)


def publish(claim: Claim, user, *, version: int | None = None) -> ReviewEvent | None:
    """The publish step's write (after its preview and the editor's confirmation): the claim is
    checked, so its check is public. Needs a verdict and the publish permission."""
    if not claim.verdict:
        raise ValueError("A check is published with a verdict: give it one first.")
    return apply_review(claim, user, version=version, status=Claim.Status.CHECKED)


def stamp_verdict(claim: Claim, user, diff: dict) -> None:
    """The one rule for a verdict change, from the API, the admin form or an action: the reviewer
    and the time are stamped, and a new claim given a verdict moves to "in review" (unless the same
    edit set its status)."""
    if "verdict" not in diff:
        return
    claim.reviewer = user if user is not None and user.is_authenticated else None
    # A published check's verdict corrected keeps its first publication's date (ClaimReview's
    # datePublished); the correction's date is its dateModified.
    before = is_published(diff.get("status", [claim.status])[0], diff["verdict"][0])
    if not (before and claim.is_published and claim.reviewed_at):
        claim.reviewed_at = timezone.now()
    if claim.verdict and claim.status == Claim.Status.NEW and "status" not in diff:
        diff["status"] = [claim.status, Claim.Status.IN_REVIEW]
        claim.status = Claim.Status.IN_REVIEW


def _published(claim: Claim, diff: dict) -> None:
    """A check's status or verdict changed: ClaimsDB's own entry in the fact-check library follows."""
    if claim.pk and {"status", "verdict", "rationale", "claim_reviewed"} & set(diff):
        factchecks.sync_own(claim)


def _announce(claim: Claim, user, was: bool, diff: dict, correction: Correction | None) -> None:
    """After a review write: a published check's change on the record, and the webhooks told."""
    corrections.note(claim, user, was, diff, correction)
    if not was and claim.is_published:
        webhooks.published(claim)
    if "assignee" in diff and claim.assignee_id:
        webhooks.assigned(claim, claim.assignee, user)


def evidence_changed(claim: Claim, user, old_urls: list[str], correction: Correction | None = None,
                     was_published: bool | None = None) -> ReviewEvent | None:
    """History for a changed evidence list (API or admin), given the URLs it had before; a
    published check's evidence changes only with a ``correction`` (else :class:`CorrectionNeeded`:
    call it inside the transaction that changed the links, which is then rolled back).
    ``was_published``: the check was published before the write that changed the links began
    (default: the correction's word, else the claim as it is now). New addresses are archived
    after the commit."""
    old = sorted(old_urls)
    new = sorted(claim.evidence.values_list("url", flat=True))
    if old == new:
        return None
    was = was_published
    if was is None:
        was = correction.was_published if correction is not None and correction.was_published is not None \
            else claim.is_published
    corrections.require(was, ["evidence"], correction)
    _bump(claim)
    event = record_change(claim, user, "evidence", ", ".join(old), ", ".join(new))
    corrections.note(claim, user, was, {"evidence": [old, new]}, correction)
    evidence.archive_after_commit(sorted(set(new) - set(old)))
    return event


def record(claim: Claim, user, diff: dict) -> ReviewEvent:
    return ReviewEvent.objects.create(claim=claim, user=user if user is not None and user.is_authenticated else None,
                                      changes=diff)


def record_change(claim: Claim, user, field: str, old, new) -> ReviewEvent:
    """History for review-related changes made elsewhere (links, evidence, speaker)."""
    return record(claim, user, {field: [_plain(old), _plain(new)]})


EXTRACTED_FIELDS = ("speaker", "organisation")


@retry.atomic
def editor_save(claim: Claim, user, changed: list[str], correction: Correction | None = None) -> ReviewEvent | None:
    """Save a claim an editor changed in a form: stamp a verdict change, mark hand-corrected
    extracted fields so re-imports keep them, and keep the history. ``claim.version`` is the
    version the form was opened at: an older one than stored raises :class:`StaleClaim`. A
    published check's verdict or rationale changes only with a ``correction``."""
    if claim.pk is None:
        claim.save()
        return None
    hold(claim, claim.version)
    old = Claim.objects.get(pk=claim.pk)
    _guard_publication(old, claim.status, claim.verdict, user)
    diff = {}
    for name in (*REVIEW_FIELDS, "assignee", *EXTRACTED_FIELDS):
        before, after = getattr(old, name), getattr(claim, name)
        if _plain(before) != _plain(after):
            diff[name] = [_plain(before), _plain(after)]
    corrections.require(old.is_published, diff, correction)
    stamp_verdict(claim, user, diff)
    _published(claim, diff)
    if any(f in changed for f in (*EXTRACTED_FIELDS, "mentioned_people", "mentioned_organisations")):
        claim.edited = True
    source_kinds.refresh(claim)  # an editor who names the speaker resolves the source
    claim.version += 1
    claim.save()
    _announce(claim, user, old.is_published, diff, correction)
    return record(claim, user, diff) if diff else None


def record_mentions(claim: Claim, user, before: dict[str, set[int]]) -> None:
    """History for hand-edited mentions (saved after the claim itself)."""
    for name, old in before.items():
        new = set(getattr(claim, name).values_list("pk", flat=True))
        if new != old:
            _bump(claim)
            if not claim.edited:
                Claim.objects.filter(pk=claim.pk).update(edited=True)
            model = getattr(claim, name).model
            names = dict(model.objects.filter(pk__in=old | new).values_list("pk", "name"))
            record_change(claim, user, name, ", ".join(sorted(names[i] for i in old)),
                          ", ".join(sorted(names[i] for i in new)))


@retry.atomic
def assign(claim: Claim, assignee, user, *, version: int | None = None) -> ReviewEvent | None:
    """Give ``claim`` to ``assignee`` (None: to nobody). ``version``: the version the editor read
    (default: the one ``claim`` was loaded at); an older one than stored raises :class:`StaleClaim`,
    so "assign to me" on a stale page never takes a claim someone else took meanwhile."""
    hold(claim, version)  # the stored claim is the one read: its assignee is claim's
    if claim.assignee_id == getattr(assignee, "pk", None):
        return None
    old = claim.assignee
    claim.assignee = assignee
    claim.version += 1
    claim.save(update_fields=["assignee", "version", "updated_at"])
    webhooks.assigned(claim, assignee, user)
    return record_change(claim, user, "assignee", old, assignee)
