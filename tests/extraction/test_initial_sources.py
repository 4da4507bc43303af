"""A source's words after the cue do not end at the period of an initial or of a dotted abbreviation
("said C. Stewart Verdery Jr.", "according to U.S. Census data" gave the sources "C" and "U"): only a
period that closes a word of two letters or more ends the clause. Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame


def _source_of(claims, words):
    return next(spk for text, spk, _ in claims if words in text)


def test_an_initial_opening_an_unknown_name_after_said_stays_in_the_source():
    claims = claims_by_frame("“The plan will fail in the end,” said C. Stewart Verdery Jr., a former border official.")
    assert _source_of(claims, "plan will fail") == "C. Stewart Verdery Jr"


def test_a_dotted_abbreviation_after_according_to_stays_in_the_source():
    claims = claims_by_frame("Median household income fell by two percent last year, according to U.S. Census data.")
    assert _source_of(claims, "Median household income") == "U.S. Census data"


def test_a_period_closing_a_word_still_ends_the_source():
    claims = claims_by_frame("Prices at the pump rose for a third month, according to the motoring lobby. "
                             "Drivers were angry.")
    assert _source_of(claims, "Prices at the pump") == "the motoring lobby"


def test_a_source_noun_after_a_dotted_abbreviation_is_the_source():
    claims = claims_by_frame("The files were never opened, said a former U.S. law enforcement official.")
    assert _source_of(claims, "files were never opened") == "a former U.S. law enforcement official"


def test_a_period_inside_an_abbreviation_does_not_open_a_new_name():
    claims = claims_by_frame("“We will not sign it,” said Chicago Alderman Jason C. Ervin, after the vote.")
    assert _source_of(claims, "will not sign") == "Jason C. Ervin"
