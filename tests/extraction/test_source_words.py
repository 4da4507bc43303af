"""Words of a source phrase that name nobody, and datelines of other outlets (issue #22, real pages of
other outlets): `claims/source_words.py`, `claims/openers.dateline_end`. Sentences written here."""
import pytest

from articles.extraction.claims.source_words import left_bare, tidy
from tests.extraction.dated import claims_by_frame


@pytest.mark.parametrize("phrase, words", [
    ("The mayor instead", "The mayor"),
    ("Brooke tearfully", "Brooke"),
    ("Maybe the council", "the council"),
    ("Then a surgeon", "a surgeon"),
    ("Another neighbour who", "Another neighbour"),
    ("the clerks and a judge who", "the clerks and a judge"),
    ("This comes as the ministry", "the ministry"),
    ("It came after the regulator", "the regulator"),
    ("Idaho – Farmers across the region", "Farmers across the region"),
    ("BOISE (XYZ) – Farmers", "Farmers"),
    ("Portugal - also sharply", "Portugal"),
    ("In my speech I", "I"),
    ("I’ve", "I"),
])
def test_the_words_that_name_nobody_leave_the_subject(phrase, words):
    text, start = tidy(phrase, 100)
    assert text == words
    assert phrase[start - 100:start - 100 + len(text)] == text


@pytest.mark.parametrize("phrase", ["The early voters", "The family", "Jane and I", "So-and-so", "Then"])
def test_a_subject_with_no_such_words_stays_whole(phrase):
    assert tidy(phrase, 0) == (phrase, 0)


def test_a_bare_first_person_or_relative_pronoun_is_left_bare():
    assert left_bare("I") and left_bare("we") and left_bare("who") and not left_bare("the council")


@pytest.mark.parametrize("sentence, source", [
    ("The mayor instead described the budget as a failure of the council.", "The mayor"),
    ("Another neighbour who calls me her cousin never answered the letters.", "Another neighbour"),
    ("This comes as the ministry denounced a ruling on the tax.", "the ministry"),
])
def test_a_learned_cue_takes_the_subject_without_those_words(sentence, source):
    out = claims_by_frame("Rivers and roads were in the news this week.", sentence)
    assert [c[1] for c in out if c[2] == "learned"] == [source], out


def test_a_bare_i_left_by_an_adverb_keeps_its_phrase_and_takes_no_name():
    out = claims_by_frame("Jane Roe runs the bakery on Main Street.", "I later realized that many customers prefer rye bread.")
    assert [c[1] for c in out] != ["Jane Roe"], out


def test_a_dateline_in_mixed_case_is_no_part_of_the_source():
    out = claims_by_frame("Boise, Idaho – Farmers across the region are talking about it: the river is low.")
    assert [c[1] for c in out] == ["Farmers across the region"], out


@pytest.mark.parametrize("dateline", ["Boise, Idaho – ", "Springfield – ", "(XYZ) ", "BOISE, Idaho (XYZ) — "])
def test_a_dateline_opening_the_paragraph_is_no_part_of_the_content(dateline):
    out = claims_by_frame(f"{dateline}The river is low this year, the governor said.")
    assert [(c[0], c[1]) for c in out] == [("The river is low this year", "the governor")], out


def test_a_name_before_a_dash_and_a_lower_case_clause_is_no_dateline():
    out = claims_by_frame("Jordan – who led the union for a decade – said on Monday that the strike would go on.")
    assert [c[0].removeprefix("that ") for c in out] == ["the strike would go on"], out


def test_a_name_before_a_dash_and_a_capitalised_word_is_no_dateline():
    out = claims_by_frame("Jane Roe runs the bakery on Main Street.",
                          "Jane Roe – Baker of the Year – said on Monday that the oven would be replaced.")
    assert [c[1] for c in out] == ["Jane Roe"], out


def test_a_negated_auxiliary_ends_no_source_the_resolver_picks_either():
    out = claims_by_frame("The minister spoke at the fair.", "Farmers didn’t see the minister at the fair on Tuesday.")
    assert [c[1] for c in out if c[2] == "learned"] == ["Farmers"], out


@pytest.mark.parametrize("phrase, words", [
    ("Growers — and some millers —", "Growers"),
    ("Jo Hale — to her credit —", "Jo Hale"),
    ("The Daily Example recently ran a column that", "The Daily Example recently ran a column that"),
    ("He was joined by nurses who", "He was joined by nurses who"),
])
def test_an_aside_between_dashes_or_a_clause_before_a_relative_is_no_subject(phrase, words):
    assert tidy(phrase, 0)[0] == words
