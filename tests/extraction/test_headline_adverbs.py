"""Title-case headlines: a capitalised "-ly" adverb before the cue ("Jo Hale Quietly Says ...") is no part
of the speaker, though capitals cannot tell it from a name's word (the adverb's ending does: "Quietly",
"Reportedly", not "Kelly", "O'Reilly"); and a verb of saying before the headline's colon ("Jo Hale Says:
...", "THE MAYOR SAYS: ...") is the cue, the words before it the source. Was: "Jo Hale Quietly" and
"Jo Hale Says" as the speakers. Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame

BODY = "The council met on Monday to discuss the plan."


def _claims(headline):
    return claims_by_frame(BODY, headline=headline)


def test_a_title_case_adverb_before_the_cue_is_no_part_of_the_speaker():
    assert _claims("Jo Hale Quietly Says Plan Will Fail") == [("Plan Will Fail", "Jo Hale", "learned")]
    assert _claims("Governor Publicly Admits Budget Is Short") == [("Budget Is Short", "Governor", "learned")]


def test_a_name_ending_in_ly_stays_whole():
    assert _claims("Megyn Kelly Says Debate Was Fair") == [("Debate Was Fair", "Megyn Kelly", "learned")]
    assert _claims("Bill O'Reilly Says Debate Was Fair") == [("Debate Was Fair", "Bill O'Reilly", "learned")]


def test_a_verb_of_saying_before_the_colon_is_the_cue():
    assert _claims("Jo Hale Says: The Plan Will Fail") == [("The Plan Will Fail", "Jo Hale", "headline")]
    assert _claims("THE MAYOR SAYS: THE BUDGET IS BROKEN") == [("THE BUDGET IS BROKEN", "THE MAYOR", "headline")]
    assert _claims("Jo Hale Quietly Says: The Plan Will Fail") == [("The Plan Will Fail", "Jo Hale", "headline")]
