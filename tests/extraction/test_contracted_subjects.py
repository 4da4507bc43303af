"""A subject pronoun with a contracted auxiliary before a learned cue ("He's argued that ...", "She’s warned
that ...") is the pronoun, resolved as a bare one is; the words "He's" named nobody. Not "It's" ("It's been
reported that ...": no one's words). Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame


def _source_of(claims, words):
    return next(spk for text, spk, _ in claims if words in text)


def test_he_with_a_contracted_has_is_the_person_named_before():
    claims = claims_by_frame("Senator Tom Reyes spoke to the crowd in Dayton on Monday.",
                             "He's argued for months that the tax cut will pay for itself.")
    assert _source_of(claims, "the tax cut will pay") == "Tom Reyes"


def test_a_curly_apostrophe_is_read_the_same():
    claims = claims_by_frame("Governor Anna Lopez met the mayors on Tuesday.",
                             "She’s warned that the budget will run short by spring.")
    assert _source_of(claims, "the budget will run short") == "Anna Lopez"


def test_a_contracted_had_or_would_too():
    claims = claims_by_frame("Governor Anna Lopez met the mayors on Tuesday.",
                             "She'd warned for weeks that the budget would run short by spring.")
    assert _source_of(claims, "the budget would run short") == "Anna Lopez"


def test_the_pronoun_keeps_its_gender():
    claims = claims_by_frame("Senator Tom Reyes met Governor Anna Lopez on Monday.",
                             "She's insisted that the tax cut will pay for itself.")
    assert _source_of(claims, "the tax cut will pay") == "Anna Lopez"


def test_it_with_a_contraction_names_no_one():
    claims = claims_by_frame("Senator Tom Reyes spoke to the council on Tuesday.",
                             "It's been reported that the mayor will resign in June.")
    assert all(spk != "Tom Reyes" for text, spk, _ in claims if "the mayor will resign" in text)
