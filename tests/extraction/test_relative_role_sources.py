"""A non-restrictive "who" after a person's role and its organisation ("..., said the head of the union, who
added that ...", "a spokesman for Acme Corp, who ...") speaks for the role's holder: the whole phrase, not
the organisation ending it nor the bare pronoun. A thing's phrase ("a victory for Obama, who ...") is no
role. Was: the source "who" (or the organisation's record). Sentences written for these tests."""
from articles.extraction.claims.relatives import role_of
from tests.extraction.dated import claims_by_frame


def test_who_after_a_role_of_an_organisation_speaks_for_the_role():
    claims = claims_by_frame("Wages will rise, said the head of the union, who added that prices would fall.")
    assert ("that prices would fall", "the head of the union", "that_clause") in claims


def test_who_after_a_role_of_a_named_firm_is_not_the_firm():
    claims = claims_by_frame("Wages will rise, said the head of Acme Corp, who added that prices would fall.")
    assert ("that prices would fall", "the head of Acme Corp", "that_clause") in claims


def test_a_person_named_before_the_role_still_speaks():
    claims = claims_by_frame("Theresa Ward, the head of the party, who spoke on Monday, said the plan would work.")
    assert claims == [("the plan would work", "Theresa Ward", "bare_clause")]


def test_a_things_phrase_is_no_role():
    text = "It was a victory for the party, who"
    assert role_of(text, 0, text.index(", who")) is None
    text = "She spoke to the mouth of the river, who"
    assert role_of(text, 0, text.index(", who")) is None
    text = "He met the editors of The Ledger, who"
    assert role_of(text, 0, text.index(", who")).text == "the editors of The Ledger"
