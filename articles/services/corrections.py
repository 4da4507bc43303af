"""Corrections on the record (IFCN principle 5): once a check is published, a change of its
verdict, rationale or evidence is saved with a :class:`ClaimCorrection` — an update or a
correction, with the reason readers are given — or not at all (:class:`CorrectionNeeded`).

The editor's form or API request carries a :class:`Correction` (the kind and the reason); the
review services (articles/services/review.py) call :func:`require` before they write and
:func:`note` after. One save is one correction, however many writes it takes (the admin saves the
claim, then its evidence): the second write adds its fields to the record the first made."""
from __future__ import annotations

from dataclasses import dataclass

from articles.models import PUBLISHED, Claim, ClaimCorrection
from articles.services import background

RECORDED_FIELDS = ("verdict", "rationale", "evidence")


class CorrectionNeeded(ValueError):
    """A published check's verdict, rationale or evidence would change without a kind and a reason."""

    def __init__(self, fields: list[str]):
        self.fields = fields
        super().__init__(
            f"This check is published: changing its {', '.join(fields)} is an update or a correction on the "
            "record. Say which, and give the reason readers will see.")


@dataclass
class Correction:
    """What the editor says of a change to a published check. ``was_published``: the check was
    published when the editor opened it (None: the services read it from the stored claim)."""

    kind: str = ""
    reason: str = ""
    was_published: bool | None = None
    record: ClaimCorrection | None = None  # set by the first write of the save

    @property
    def given(self) -> bool:
        return self.kind in ClaimCorrection.Kind.values and bool(self.reason.strip())


def recorded_fields(fields) -> list[str]:
    return [f for f in RECORDED_FIELDS if f in fields]


def needed(was_published: bool, fields) -> list[str]:
    """The fields of a change that put it on the record (none unless the check was published)."""
    return recorded_fields(fields) if was_published else []


def require(was_published: bool, fields, correction: Correction | None) -> None:
    """Raise :class:`CorrectionNeeded` when the change must be recorded and ``correction`` says
    nothing (or not enough)."""
    missing = needed(was_published, fields)
    if missing and not (correction is not None and (correction.given or correction.record is not None)):
        raise CorrectionNeeded(missing)


def note(claim: Claim, user, was_published: bool, diff: dict, correction: Correction | None) -> ClaimCorrection | None:
    """Record the change ``diff`` ({field: [old, new]}) of ``claim`` when it must be (after
    :func:`require`); the webhooks hear of it after the commit."""
    fields = needed(was_published, diff)
    if not fields:
        return None
    require(was_published, fields, correction)
    changes = {"verdict": diff["verdict"]} if "verdict" in diff else {}
    row = correction.record
    if row is not None and not ClaimCorrection.objects.filter(pk=row.pk).exists():
        row = None  # made by an attempt that was rolled back (a retried transaction): make it again
    if row is not None:
        row.fields = [f for f in RECORDED_FIELDS if f in {*row.fields, *fields}]
        row.changes = {**row.changes, **changes}
        row.save(update_fields=["fields", "changes"])
        return row
    row = correction.record = ClaimCorrection.objects.create(
        claim=claim, kind=correction.kind, reason=correction.reason.strip(), fields=fields, changes=changes,
        user=user if user is not None and user.is_authenticated else None)
    from articles.services import webhooks

    background.after_commit(webhooks.corrected, row.pk)
    return row


def stored_published(claim_id: int) -> bool:
    """Is the check of claim ``claim_id`` published as stored (before the change being made)?"""
    return Claim.objects.filter(PUBLISHED, pk=claim_id).exists()
