"""An inverted source's role with whom it is held for, no name there ("said a spokesman for the Treasury",
"said a lawyer for the family"), is the source's phrase to its end: was the words "a spokesman", the rest
("for the Treasury, who added ...") taken as the content and the clause before the cue lost; alone, the
sentence made no claim. A person named in apposition after it holds the role and speaks. A relative
pronoun inside an inverted source ends it ("said fans whose team had lost": was "fans whose team", and
with a clause before the cue no claim). Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame

INTRO = "The council met on Monday to discuss the budget."


def _claims(sentence):
    return claims_by_frame(INTRO, sentence)


def test_a_role_for_a_body_not_named_is_the_source_and_the_clause_before_speaks():
    assert _claims("The budget is balanced, said a spokesman for the Treasury.") == [
        ("The budget is balanced", "a spokesman for the Treasury", "inverted_clause")]


def test_a_who_after_the_role_phrase_speaks_for_it_and_both_claims_are_made():
    claims = _claims("The budget is balanced, said a spokesman for the Treasury, who added that taxes would not rise.")
    assert claims == [("The budget is balanced", "a spokesman for the Treasury", "inverted_clause"),
                      ("that taxes would not rise", "a spokesman for the Treasury", "that_clause")]
    claims = _claims("Talks have failed, said a lawyer for the family, who added that they would sue.")
    assert claims == [("Talks have failed", "a lawyer for the family", "inverted_clause"),
                      ("that they would sue", "a lawyer for the family", "that_clause")]


def test_a_possessor_opens_the_body_and_the_person_in_apposition_holds_the_role():
    claims = _claims("He also had a say in the deals, said a former spokesman for Acme's trading arm, Tom Reed, "
                     "who also ran for office.")
    assert claims[0] == ("He also had a say in the deals", "Tom Reed", "inverted_clause")


def test_a_time_after_the_source_is_no_body_it_speaks_for():
    claims = _claims("The plan is dead, said officials at the time.")
    assert claims == [("The plan is dead", "officials", "inverted_clause")]


def test_a_role_for_a_named_person_still_speaks_for_the_person():
    claims = _claims("The budget is balanced, said a spokesman for Senator Jo Hale, who added that taxes would not rise.")
    assert claims == [("The budget is balanced", "Jo Hale", "inverted_clause"),
                      ("that taxes would not rise", "Jo Hale", "that_clause")]


def test_a_whose_clause_inside_an_inverted_source_is_no_part_of_it():
    assert _claims("“We were robbed,” said fans whose team had lost.") == [("“We were robbed,”", "fans", "quotes_before")]
    assert _claims("The result was unfair, said fans whose team had lost.") == [
        ("The result was unfair", "fans", "inverted_clause")]
    assert _claims("The plan will fail, said voters who backed the mayor.") == [
        ("The plan will fail", "voters", "inverted_clause")]


def test_the_role_phrase_ends_before_the_acts_time_or_place_and_holds_an_of_phrase():
    assert _claims("The plant will close, said a spokeswoman for the company on Tuesday.") == [
        ("The plant will close", "a spokeswoman for the company", "inverted_clause")]
    assert _claims("The plant will close, said a lawyer for the family of the victim.") == [
        ("The plant will close", "a lawyer for the family of the victim", "inverted_clause")]


def test_a_which_or_whom_clause_after_an_inverted_source_ends_it_and_the_clause_before_speaks():
    # `relatives.before_relative` cuts at "which" and "whom" as at "who": the frame reads the clause after the
    # source as its relative clause too (rv23: was the claim "which owns the plant" by "a spokesman for the
    # company", the clause before the cue lost).
    assert _claims("Prices will rise, said a spokesman for the company which owns the plant.") == [
        ("Prices will rise", "a spokesman for the company", "inverted_clause")]
    assert _claims("Prices will rise, said a consultant whom the council had hired.") == [
        ("Prices will rise", "a consultant", "inverted_clause")]
