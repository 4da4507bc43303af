"""A claim's source kind (person, organisation, pronoun, group, document, unresolved) kept in step
with its speaker, organisation and speaker words: set at import and when an editor changes them."""
from __future__ import annotations

from articles.extraction.claims.source_kinds import source_kind


def refresh(claim) -> str:
    """Set ``claim.source_kind`` from its records and words (unsaved); returns it."""
    claim.source_kind = source_kind(claim.speaker_id is not None, claim.organisation_id is not None, claim.speaker_text)
    return claim.source_kind
