"""Corrections on the record as readers see them: a published check's own, the public list of
every correction, and a check's last public change (ClaimReview's dateModified, the feeds' updated)."""
from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from articles.models import PUBLISHED, Claim, ClaimCorrection
from articles.selectors.outward import xml_safe

FIELD_LABELS = {"verdict": "verdict", "rationale": "rationale", "evidence": "evidence"}


def of_claim(claim: Claim) -> list[ClaimCorrection]:
    """A check's corrections and updates, oldest first."""
    return list(ClaimCorrection.objects.filter(claim=claim).order_by("at", "id"))


def last_modified(claim: Claim) -> datetime | None:
    """When a published check last changed on the record (None: never since publication); a list
    annotates ``last_correction_at`` (``Max("corrections__at")``) to spare a query a claim."""
    if hasattr(claim, "last_correction_at"):
        return claim.last_correction_at
    return ClaimCorrection.objects.filter(claim=claim).order_by("-at").values_list("at", flat=True).first()


def public_corrections() -> QuerySet:
    """Every correction and update of a check that is published now, newest first."""
    return (ClaimCorrection.objects.filter(claim__in=Claim.objects.filter(PUBLISHED))
            .select_related("claim__article").order_by("-at", "-id"))


def what_changed(correction: ClaimCorrection) -> str:
    """"Verdict: Mostly true → False; rationale; evidence" (labels, not stored values)."""
    labels = dict(Claim.Verdict.choices)
    parts = []
    for field in correction.fields:
        if field == "verdict" and "verdict" in correction.changes:
            old, new = correction.changes["verdict"]
            parts.append(f"verdict: {labels.get(old, old or 'none')} → {labels.get(new, new or 'none')}")
        else:
            parts.append(FIELD_LABELS.get(field, field))
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def public_entry(correction: ClaimCorrection) -> dict:
    """One correction for the public pages: its texts safe for XML (a pasted control character
    never breaks a page that is read by feed readers and scrapers too)."""
    return {"at": correction.at, "kind": correction.kind, "label": correction.get_kind_display(),
            "verb": "Corrected" if correction.kind == ClaimCorrection.Kind.CORRECTION else "Updated",
            "reason": xml_safe(correction.reason), "changed": xml_safe(what_changed(correction)),
            "claim": correction.claim}
