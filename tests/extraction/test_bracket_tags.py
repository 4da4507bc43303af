"""A tag in brackets opening a paragraph ("(Updated) The ministry said ...") is no part of the sentence's
subject: the noun phrase after it speaks. Was: no claim (the clause's opening phrase could not start
after the bracket). A bracket inside the sentence is not read so. Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame


def test_an_update_tag_opening_the_paragraph():
    assert claims_by_frame("(Updated) The ministry said the talks would resume.") == [
        ("the talks would resume", "The ministry", "learned")]


def test_a_longer_tag_with_a_time():
    assert claims_by_frame("(UPDATED 3 p.m.) The ministry said the talks would resume.") == [
        ("the talks would resume", "The ministry", "learned")]


def test_a_bracket_inside_the_sentence_opens_no_subject():
    claims = claims_by_frame("Here are three reasons (there are more) why a voter should stay home: turnout is low.")
    assert all(not c[1].startswith("why") for c in claims)
