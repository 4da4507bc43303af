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
    assert _claims("Jo Hale Quietly Says Plan Will Fail") == [("Plan Will Fail", "Jo Hale", "headline")]
    assert _claims("Governor Publicly Admits Budget Is Short") == [("Budget Is Short", "Governor", "learned")]


def test_a_name_ending_in_ly_stays_whole():
    assert _claims("Megyn Kelly Says Debate Was Fair") == [("Debate Was Fair", "Megyn Kelly", "headline")]
    assert _claims("Bill O'Reilly Says Debate Was Fair") == [("Debate Was Fair", "Bill O'Reilly", "headline")]


def test_a_verb_of_saying_before_the_colon_is_the_cue():
    assert _claims("Jo Hale Says: The Plan Will Fail") == [("The Plan Will Fail", "Jo Hale", "headline")]
    assert _claims("THE MAYOR SAYS: THE BUDGET IS BROKEN") == [("THE BUDGET IS BROKEN", "THE MAYOR", "headline")]
    assert _claims("Jo Hale Quietly Says: The Plan Will Fail") == [("The Plan Will Fail", "Jo Hale", "headline")]


def test_an_adverb_in_a_line_of_capitals_is_no_part_of_the_speaker():
    # Was: "JO HALE QUIETLY" (the adverb was told by its lower-case letters only).
    assert _claims("JO HALE QUIETLY SAYS PLAN WILL FAIL") == [("PLAN WILL FAIL", "JO HALE", "learned")]
    assert _claims("JO MCNALLY SAYS PLAN WILL FAIL") == [("PLAN WILL FAIL", "JO MCNALLY", "learned")]


def test_a_verb_of_telling_and_its_hearer_before_the_colon():
    # Was: "Mayor Warns Council", "Police Tell Drivers" as the speakers.
    assert _claims("Mayor Warns Council: Cuts Will Hurt") == [("Cuts Will Hurt", "Mayor", "headline")]
    assert _claims("Police Tell Drivers: Stay Home") == [("Stay Home", "Police", "headline")]
    assert _claims("TRUMP TELLS CONGRESS: FUND THE WALL")[0][1] == "TRUMP"


def test_a_question_word_before_the_speaker_is_no_part_of_it():
    # "What Jo Hale Says: ...": was the speaker "What Jo Hale".
    assert _claims("What Jo Hale Says: The Plan Will Fail") == [("The Plan Will Fail", "Jo Hale", "headline")]
