"""Calibrated confidence per claim: a logistic model over claim features, trained on the claims
the extractor makes on the training corpus, labelled by whether their content is an annotated
attribution's content. Claims under the model's ``min_confidence`` are dropped."""
from __future__ import annotations

import math
import re

from ..types import Claim, Entity
from .features import claim_features
from .model import CueModel


def speaker_kind(claim: Claim, entities: list[Entity]) -> str:
    if claim.speaker is not None:
        return entities[claim.speaker].kind
    return "text" if claim.speaker_text.strip() else "none"


def features_of(text: str, claim: Claim, entities: list[Entity]) -> list[str]:
    """The claim's features; a content opening with its complementizer ("that the plan failed") is read
    from the clause after it, where the frames place it (the "that" is the word the content follows)."""
    src = claim.source
    start = claim.start
    m = _THAT.match(text, start, claim.end)
    if m and m.end() < claim.end:
        start = m.end()
    return claim_features(text, claim.kind, start, claim.end, claim.cue, claim.origin,
                          claim.cue_probability, speaker_kind(claim, entities), claim.speaker_text,
                          (src.start, src.end) if src is not None else None)


_THAT = re.compile(r"that[ \t]+")


def confidence(model: CueModel, features: list[str]) -> float:
    weights = model.calibration.get("weights")
    if not weights:
        return 1.0
    z = sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def confidence_bands(model: CueModel) -> dict[str, tuple[float | None, float | None]]:
    """The confidence bands editors filter by, from the model's calibration: {"low": (None, low),
    "medium": (low, high), "high": (high, None)} (None: open-ended). The boundaries are chosen with the
    reliability table on the development split (model card: under 0.7 about two claims in three are
    right, 0.7-0.8 three in four, from 0.8 more than nine in ten) and stored with the weights, so a
    retrained model carries its own."""
    low, high = model.calibration["bands"]["low"], model.calibration["bands"]["high"]
    return {"low": (None, low), "medium": (low, high), "high": (high, None)}


# Forms the training corpus leaves unannotated (PolNeAR does not mark the embedded posts of its
# pages): the floor, chosen on that corpus, cannot judge them. They keep the confidence the model
# gives (editors see it, in the low band) but are not dropped by the floor.
UNJUDGED_FRAMES = frozenset({"signed_post"})


def score_claims(model: CueModel, text: str, claims: list[Claim], entities: list[Entity]) -> list[Claim]:
    """Set each claim's confidence; keep those at or above the model's minimum."""
    floor = model.calibration.get("min_confidence", 0.0)
    kept = []
    for c in claims:
        c.confidence = round(confidence(model, features_of(text, c, entities)), 4)
        if c.confidence >= floor or c.frame in UNJUDGED_FRAMES:
            kept.append(c)
    return kept
