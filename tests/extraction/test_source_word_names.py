"""A capitalised word after the first word of a source phrase belongs to a name, even when the same word in
lower case is an adverb, an auxiliary or a relative pronoun that names nobody ("USA Today", "Theresa May",
"The Who", "Take That"): `claims/source_words.tidy` and the learned cues' subject (`cues._subject_phrase`)
keep it. Sentences written for these tests."""
import pytest

from articles.extraction.claims.source_words import tidy
from tests.extraction.dated import claims_by_frame


@pytest.mark.parametrize("phrase", ["USA Today", "Psychology Today", "Theresa May", "Mrs May", "The Who",
                                    "Take That", "Consumer group Which", "the folk band Still"])
def test_a_capitalised_adverb_auxiliary_or_pronoun_ending_a_name_stays(phrase):
    assert tidy(phrase, 0) == (phrase, 0)


@pytest.mark.parametrize("phrase, words", [
    ("The newspaper today", "The newspaper"),
    ("Brian May would", "Brian May"),
    ("The Who who", "The Who"),
])
def test_lower_case_words_after_a_name_still_go(phrase, words):
    assert tidy(phrase, 0)[0] == words


@pytest.mark.parametrize("sentence, source", [
    ("USA Today insisted the plan would fail.", "USA Today"),
    ("Psychology Today argues the plan will fail.", "Psychology Today"),
    ("Take That insisted the tour would go on.", "Take That"),
    ("The Who insisted the tour would go on.", "The Who"),
])
def test_a_learned_cue_after_such_a_name_takes_the_whole_name(sentence, source):
    out = claims_by_frame("Rivers and roads were in the news this week.", sentence)
    assert [c[1] for c in out if c[2] == "learned"] == [source], out


def test_in_a_title_case_line_a_capital_tells_no_name():
    assert tidy("The Senator Now", 0, title=True)[0] == "The Senator" and tidy("The Senator Now", 0)[0] == "The Senator Now"


def test_a_learned_cue_in_a_title_case_line_drops_the_adverb():
    out = claims_by_frame("Rivers and roads were in the news this week.",
                          "Farmers Now Insist The River Is Too Low To Sail")
    assert [c[1] for c in out if c[2] == "learned"] in ([], ["Farmers"]), out


@pytest.mark.parametrize("words, kept", [
    ("Obama hasn't", "Obama"),
    ("Republicans are now", "Republicans"),
    ("The Ohio governor quietly", "The Ohio governor"),
    ("USA Today", "USA Today"),
    ("I later", "I later"),
])
def test_a_learned_sources_noun_phrase_drops_the_same_words_as_the_source_words(words, kept):
    # phrases.noun_phrase reads the words after a subject with `source_words.after_subject` (one list).
    from articles.extraction.claims.phrases import noun_phrase
    from articles.extraction.types import Speaker
    assert noun_phrase(Speaker(None, words, 10, 10 + len(words))).text == kept


@pytest.mark.parametrize("sentence, source", [
    ("People that know him say he is honest.", "People"),
    ("The club that won the cup insisted the referee was wrong.", "The club"),
])
def test_a_short_noun_phrase_before_that_is_the_subject_not_the_words_after_it(sentence, source):
    # The words after the relative "that" ("know him", "won the cup") name nobody.
    out = claims_by_frame("Jane Roe runs the bakery on Main Street.", sentence)
    assert [c[1] for c in out if c[2] == "learned"] == [source], out


@pytest.mark.parametrize("before, head", [("People", True), ("The club", True), ("It is clear", False),
                                          ("Officials said", False), ("It seems", False),
                                          ("a federal water lawsuit in", False)])
def test_only_a_noun_phrase_before_that_heads_a_relative_clause(before, head):
    # After a preposition ("a lawsuit in which farmers argued") the clause has its own subject.
    from articles.extraction.claims.source_words import head_before_relative
    assert head_before_relative(before) is head

