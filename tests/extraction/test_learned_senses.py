"""The cue model's false cues on text unlike PolNeAR (issue #22): a verb of making or handing over a
thing with a plain object, and a form the vocabulary never saw (the stem back-off) at low probability.
Sentences written here."""
import pytest

from articles.extraction import extract_article, parse
from articles.extraction.claims import cues

INTRO = ("Norvale Foods, a maker of frozen meals, is based in Ohio. Jane Holloway is the Health Secretary. "
         "Tom Baker is a nurse in Leeds.")


def claims(*paragraphs):
    art = parse("A headline about things\n\n3 March 2019\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    ex = extract_article(art)
    return [(c.cue, c.text) for c in ex.claims]


@pytest.mark.parametrize("sentence, cue", [
    ("Norvale Foods unveiled a larger factory near the river in Dayton.", "unveiled"),
    ("Tom Baker ordered a blood test for the patient after lunch.", "ordered"),
])
def test_a_thing_made_or_handed_over_is_no_content(sentence, cue):
    assert not [c for c in claims(INTRO, sentence) if c[0] == cue]


@pytest.mark.parametrize("sentence, cue, content", [
    ("Tom Baker ordered that the ward be closed for cleaning.", "ordered", "that the ward be closed"),
    ("Tom Baker posted: the ward has run out of beds again.", "posted", "the ward has run out of beds"),
])
def test_the_same_verbs_with_a_clause_or_a_colon_still_report(sentence, cue, content):
    assert [c for c in claims(INTRO, sentence) if c[0] == cue and content in c[1]]


def test_an_unseen_form_by_the_stem_back_off_needs_more_evidence(monkeypatch):
    # "exasperating" is no form seen opening a cue; the back-off (its stem's "exasperated") lets it in,
    # where the model gives it P(cue) 0.56: kept under a back-off threshold below that, dropped above.
    sentence = "Norvale Foods is exasperating its rivals with low prices."
    monkeypatch.setattr(cues, "BACKOFF_THRESHOLD", 0.4)
    assert [c for c in claims(INTRO, sentence) if c[0] == "exasperating"]
    monkeypatch.setattr(cues, "BACKOFF_THRESHOLD", 0.6)
    assert not [c for c in claims(INTRO, sentence) if c[0] == "exasperating"]
