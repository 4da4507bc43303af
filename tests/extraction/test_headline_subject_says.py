"""A title-case headline that is one attribution, SUBJECT + Say(s)/Warn(s)/Claim(s) + its clause, is the
headline frame's: the subject speaks the clause ("Voters Say Economy Is Weak" was under the confidence
floor: no claim; "Former Aide Says ..." gave the claim to the person the subject names). A kicker before
it is left to the kicker rule; a subordinate clause and a
line in sentence case are not read. Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame

BODY = "The council met on Monday to discuss the plan."


def _claims(headline):
    return claims_by_frame(BODY, headline=headline)


def test_a_common_noun_subject_speaks_the_clause():
    assert _claims("Voters Say Economy Is Weak") == [("Economy Is Weak", "Voters", "headline")]
    assert _claims("Experts Warn Rates Will Rise") == [("Rates Will Rise", "Experts", "headline")]


def test_the_subject_is_the_words_not_a_name_inside_them():
    assert _claims("Former Hale Aide Says The Plan Is In Trouble") == [
        ("The Plan Is In Trouble", "Former Hale Aide", "headline")]


def test_after_a_kicker():
    assert _claims("Poll: Voters Say The Economy Is Getting Worse") == [
        ("The Economy Is Getting Worse", "Voters", "headline")]


def test_no_attribution_of_its_own_is_left_to_the_model():
    assert _claims("If Rivals Say It, It Must Be True") == []
    assert all(frame != "headline" for _, _, frame in _claims("Mayor says the budget is weak"))


def test_a_prepositions_object_after_the_cue_is_no_clause_of_the_frame():
    # "Warn Of Recession": the preposition is no part of what was said (rv23: was the content "Of Recession
    # Next Year"); the cue model reads the headline as before the frame.
    assert all(not t.startswith("Of ") and f != "headline"
               for t, _, f in _claims("Experts Warn Of Recession Next Year"))
