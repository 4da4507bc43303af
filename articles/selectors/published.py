"""Moved to :mod:`articles.publishing.selectors`; this name stays for one round so branches merged
alongside keep importing (remove once nothing imports ``articles.selectors.published``)."""
from articles.publishing.selectors import (  # noqa: F401
    HISTORY_REVIEW_KEYS,
    HISTORY_STAFF_KEYS,
    by_status,
    by_verdict,
    public_history,
    public_status,
    public_wording,
    published_checks,
    sees_drafts,
    shows_review,
)
