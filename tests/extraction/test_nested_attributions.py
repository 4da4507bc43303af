"""Nested attributions: a claim inside the content of an attribution that trails its sentence is filed
under the trailing source, which vouches for the whole sentence (issue #22; the annotators' practice).
Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame


def speakers(rows, words):
    return {speaker for text, speaker, _ in rows if words in text}


def test_a_quotation_inside_a_trailing_according_to_is_the_trailing_sources():
    rows = claims_by_frame("Governor Elena Brandt spoke at the fairground on Friday.",
                           "“We will not raise the fuel tax,” Brandt said at the rally, according to the Des Moines "
                           "Register.")
    assert speakers(rows, "We will not raise the fuel tax") == {"Des Moines Register"}


def test_a_reported_clause_inside_a_trailing_according_to_is_the_trailing_sources():
    rows = claims_by_frame("Senator Marcus Whitfield met his staff on Monday.",
                           "Whitfield told aides that the subsidy would end in May, according to two people in the "
                           "room.")
    assert speakers(rows, "the subsidy would end in May") == {"two people"}


def test_an_attribution_after_a_leading_according_to_keeps_its_own_speaker():
    rows = claims_by_frame("Governor Elena Brandt spoke at the fairground on Friday.",
                           "According to the Register, the fuel tax will stay. Brandt said she would veto any rise.")
    assert speakers(rows, "she would veto any rise") == {"Elena Brandt"}
