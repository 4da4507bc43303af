"""A person's role before their name after the clause's comma ("It was a bad day, manager Jose Mourinho
said."): the role words are the subject's, the comma before them closes the content. Was: the clause
frame wanted the comma right before the name, and the cue model took the role into the content ("It was
a bad day, manager"). Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame


def test_a_lowercase_role_before_the_name():
    assert claims_by_frame("It was a bad day, manager Jose Mourinho said.") == [
        ("It was a bad day", "Jose Mourinho", "clause_before")]


def test_an_organisation_and_a_role_before_the_name():
    assert claims_by_frame("The plan will fail, Acme chief executive Mary Walsh said on Monday.") == [
        ("The plan will fail", "Mary Walsh", "clause_before")]


def test_a_word_that_is_no_role_before_the_name_is_not_taken_for_one():
    # "yesterday" is no person's noun: the words are not read as the subject's role.
    claims = claims_by_frame("The plan will fail, and yesterday Mary Walsh said so.")
    assert ("The plan will fail", "Mary Walsh", "clause_before") not in claims
