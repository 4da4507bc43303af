"""What kind of text is matched, and when it was said: features that let one ranker serve posts
and spoken or reported sentences, and prefer the fact-checks published after the claim.

- *The text's form* (``posted``): a social-media post carries a link, a handle or a hashtag; a
  sentence said in a debate or quoted in an article carries none. Posts name their subject and
  copy a headline's words, spoken sentences say "you", "they", "this" and paraphrase, so the same
  lexical and semantic evidence is worth different amounts in each. The ranker gets each base
  feature a second time, multiplied by the post flag (``KIND_FEATURES``): a linear model then
  weighs the evidence for posts (its base weight plus the interaction's) and for other texts (the
  base weight) apart, within one model. Decided by the text alone, never by where it came from.
- *The dates* (``DATE_FEATURES``): a fact-check follows the claim it reviews by days or weeks. With
  the claim's date (``ranker.Context.date``: the article's date, a transcript's) and the
  fact-check's (ClaimReview ``datePublished``): the log of the days from the claim to the check
  when the check came after it, whether it came within ``SOON_DAYS``, and whether the check was
  published before the claim (it cannot review this saying of it, only an earlier one). All zero
  when either date is unknown.

Pure Python and numpy.
"""
from __future__ import annotations

import re
from datetime import date, datetime

import numpy as np

# a link, a picture link, an @handle or a #hashtag: the marks of a post
_POSTED = re.compile(r"https?://|pic\.twitter\.com|(?:^|[\s(\"'])[@#]\w")
# the days within which a check counts as following the claim soon (PolitiFact checks a debate's
# sentences within days or weeks)
SOON_DAYS = 60
EPOCH = date(2000, 1, 1)
NO_DATE = -(10**6)  # a fact-check without a date (``days``)

DATE_FEATURES = ["date_after_log", "date_soon", "date_before"]
KIND_PREFIX = "posted_x_"


def kind_features(base: list[str]) -> list[str]:
    """The names of the post interactions of the base features."""
    return [f"{KIND_PREFIX}{f}" for f in base]


def posted(query: str) -> bool:
    """Whether a text has the form of a social-media post (a link, a handle, a hashtag)."""
    return bool(_POSTED.search(query))


def days(d: date | datetime | None) -> int:
    """A date (or a datetime's date) as days since ``EPOCH`` (``NO_DATE`` when unknown): the index
    rows' date column."""
    if d is None:
        return NO_DATE
    return ((d.date() if isinstance(d, datetime) else d) - EPOCH).days


def kind_block(query: str, x: np.ndarray) -> np.ndarray:
    """Each base feature again, kept for a post and zero for any other text (``KIND_FEATURES``)."""
    return x * np.float32(posted(query))


def date_block(claim_date: date | None, check_days: np.ndarray | None) -> np.ndarray:
    """``DATE_FEATURES`` of the candidates whose fact-checks were published on ``check_days``
    (``days``; ``NO_DATE`` unknown) for a claim made on ``claim_date``."""
    n = 0 if check_days is None else len(check_days)
    out = np.zeros((n, len(DATE_FEATURES)), dtype=np.float32)
    if claim_date is None or not n:
        return out
    d = np.asarray(check_days, dtype=np.int64)
    known = d != NO_DATE
    gap = d - days(claim_date)
    after = known & (gap >= 0)
    out[:, 0] = np.where(after, np.log1p(np.maximum(gap, 0)), 0.0)
    out[:, 1] = after & (gap <= SOON_DAYS)
    out[:, 2] = known & (gap < 0)
    return out
