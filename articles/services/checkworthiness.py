"""Check-worthiness scores for claims (writes) and for any text (the batch API).

Scoring is a step after storing that works from durable state: every claim whose stored score was
not given by the current model (none yet, or an older model) is scored, so an import that was
killed, or a model that was retrained, is caught up by the next run of `import_seeds` or of
`score_checkworthiness`.
"""
from __future__ import annotations

from django.db.models import Q

from articles import checkworthiness
from articles.extraction.text import statement
from articles.models import Claim
from articles.services import retry

BATCH = 500


def current_version() -> str:
    return checkworthiness.default_model().fingerprint


def threshold() -> float:
    """The score from which the model calls a claim worth checking."""
    return checkworthiness.default_model().threshold


def score_texts(texts: list[str]) -> list[checkworthiness.CheckWorthiness]:
    return checkworthiness.score(texts)


def stale_claims():
    return Claim.objects.filter(~Q(checkworthiness_version=current_version()) | Q(checkworthiness=None))


def rescore_stale(batch: int = BATCH) -> int:
    """Score every claim the current model has not scored; returns how many were scored. Each batch
    commits on its own (a short write), so editors are never kept waiting by a long re-score."""
    version, done = current_version(), 0
    while True:
        rows = list(stale_claims().order_by("id").values_list("id", "text")[:batch])
        if not rows:
            return done
        scores = score_texts([statement(text) for _, text in rows])
        retry.run(Claim.objects.bulk_update,
                  [Claim(id=pk, checkworthiness=s.score, checkworthiness_version=version)
                   for (pk, _), s in zip(rows, scores, strict=True)],
                  ["checkworthiness", "checkworthiness_version"])
        done += len(rows)
