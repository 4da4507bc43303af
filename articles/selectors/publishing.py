"""Moved to :mod:`articles.publishing.preview`; this name stays for one round so branches merged
alongside keep importing (remove once nothing imports ``articles.selectors.publishing``)."""
from articles.publishing.preview import CLAIM_REVIEWED_MAX, preview, problems, warnings  # noqa: F401
