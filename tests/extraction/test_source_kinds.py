"""The kind of a claim's source, from its records and the words naming it (issue #22: which claims
without a speaker or an organisation need an editor). Phrases written for these tests."""
import pytest

from articles.extraction.claims.source_kinds import KINDS, source_kind
from articles.models import Claim


@pytest.mark.parametrize("person, org, words, kind", [
    (True, False, "the mayor", "person"),
    (False, True, "a spokesman for the council", "organisation"),
    (False, False, "they", "pronoun"),
    (False, False, "It", "pronoun"),
    (False, False, "Several economists", "group"),
    (False, False, "38 percent of parents", "group"),
    (False, False, "Critics", "group"),
    (False, False, "the new survey", "document"),
    (False, False, "A letter", "document"),
    (False, False, "the Ohio senator", "unresolved"),
    (False, False, "a federal judge", "unresolved"),
    (False, False, "", "unresolved"),
])
def test_a_claims_source_kind(person, org, words, kind):
    assert source_kind(person, org, words) == kind


def test_the_models_choices_are_the_extractors_kinds():
    assert tuple(v for v, _label in Claim.SourceKind.choices) == KINDS
