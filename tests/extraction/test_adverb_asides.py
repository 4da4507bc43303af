"""A sentence adverb set off by commas between a subject and its cue ("The mayor, however, said ...")
is an aside like an apposition: the subject before it speaks. Was: no claim for "conceded"/"warned",
and with "said" the inverted frame made "The mayor, however" the content and the clause the speaker.
Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame


def test_an_adverb_aside_and_an_adverb_before_the_cue():
    claims = claims_by_frame("The mayor, however, quietly conceded that the budget was short.")
    assert claims == [("that the budget was short", "The mayor", "that_clause")]


def test_an_adverb_aside_before_said_is_not_an_inverted_source():
    claims = claims_by_frame("The mayor, however, said the budget was short.")
    assert claims == [("the budget was short", "The mayor", "bare_clause")]


def test_other_sentence_adverbs_between_commas():
    assert claims_by_frame("The mayor, too, warned that the budget was short.") == [
        ("that the budget was short", "The mayor", "that_clause")]
    assert claims_by_frame("The union, meanwhile, argued that the budget was short.") == [
        ("that the budget was short", "The union", "that_clause")]


def test_a_named_person_before_an_adverb_aside():
    claims = claims_by_frame("Mary Walsh, though, argued that the plant was safe.")
    assert claims == [("that the plant was safe", "Mary Walsh", "that_clause")]
