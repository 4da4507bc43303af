"""A source phrase after its cue ("..., according to X") or before it: a cue word inside a name or after a
determiner is no verb of saying, so the phrase still names the source (claims/sources.py)."""
import pytest

from articles.extraction import extract_article, parse
from articles.extraction.claims.sources import _says


def claim_of(body: str):
    art = parse(f"A headline about the harbour\n\n5 May 2021\n\n{body}\n\n- Town Gazette\n")
    ex = extract_article(art)
    assert len(ex.claims) == 1, ex.claims
    c = ex.claims[0]
    return c.text, (ex.entities[c.speaker].name if c.speaker is not None else c.speaker_text)


@pytest.mark.parametrize(("body", "source"), [
    # "Press" and "state" are cue words ("pressed", "stated"), here a name's word and a noun.
    ("The harbour closed on Monday, according to The Associated Press.", "Associated Press"),
    ("The ferries carried fewer people in May, according to the state Office of Harbour Works.", "Office of Harbour Works"),
])
def test_a_cue_word_inside_a_name_or_after_a_determiner_does_not_undo_the_source(body, source):
    text, speaker = claim_of(body)
    assert text.startswith("The ")
    assert source in speaker


def test_a_verb_of_saying_in_the_phrase_still_counts():
    assert _says(["officials", "said"])
    assert _says(["said"])
    assert not _says(["The", "Associated", "Press"])
    assert not _says(["the", "state", "auditor"])


def test_a_noun_phrase_before_its_cue_may_hold_a_cue_word_inside_a_name():
    # "States" is a cue word ("states"); inside "the United States envoy" it names the speaker's country.
    text, speaker = claim_of("The ward had no beds, the United States envoy argued.")
    assert text == "The ward had no beds"
    assert speaker == "the United States envoy"
