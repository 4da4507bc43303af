"""A cue inside the participle phrase a sentence opens with ("Holding signs calling the mayor “a liar,”",
"Walking in to chants of “...,”") has the main clause's subject, after the phrase's comma, for its
source, and its content ends at that comma: was the source "Holding signs" (or "Walking") with the
content running on through the main clause. A preposition opening the phrase ("Besides", "After") is no
subject for the source resolver either. Sentences written for these tests."""
from articles.extraction.claims import adjuncts
from tests.extraction.dated import claims_by_frame

INTRO = "The mayor visited the market on Monday."


def _claims(sentence):
    return claims_by_frame(INTRO, sentence)


def test_a_cue_inside_an_opening_participle_phrase_speaks_for_the_main_subject():
    claims = _claims("Holding signs calling the mayor “a liar,” the protesters chanted “Resign now.”")
    assert ("the mayor “a liar,”", "the protesters", "learned") in claims
    assert all(spk != "Holding signs" for _, spk, _ in claims)


def test_the_phrase_content_ends_at_its_comma_and_the_main_clause_keeps_its_claim():
    claims = _claims("Walking into the hall to chants of “Four more years,” the senator said his campaign was strong.")
    assert claims == [("of “Four more years,”", "the senator", "bare_clause"),
                      ("his campaign was strong", "the senator", "bare_clause")]


def test_a_main_clause_after_an_adverbial_phrase_is_found():
    claims = _claims("Besides attacking the plan, while the crowd booed loudly, Mr. Tom Reed asserted that the "
                     "budget was too big.")
    assert claims == [("that the budget was too big", "Tom Reed", "that_clause")]


def test_a_name_in_ing_and_a_gerund_subject_are_left():
    assert _claims("Beijing urged Washington to drop the tariffs, the ministry said.") == [
        ("Beijing urged Washington to drop the tariffs", "the ministry", "clause_before")]
    assert _claims("Raising taxes would hurt growth, the mayor warned.") == [
        ("Raising taxes would hurt growth", "the mayor", "clause_before")]


def test_a_preposition_opens_no_subject():
    assert adjuncts.preposition_led("Besides")
    assert adjuncts.preposition_led("After meeting the board")
    assert not adjuncts.preposition_led("Officials")
    assert not adjuncts.preposition_led("")


def test_a_relative_clause_inside_the_phrase_gives_the_cue_its_own_subject():
    # "Ignoring critics who said X, the mayor ...": the critics say X, not the mayor (rv23: the claim went to
    # the main subject and was lost; before the rule, "Ignoring critics" spoke X and the main clause).
    assert ("the budget was a sham", "critics", "learned") in _claims(
        "Ignoring critics who said the budget was a sham, the mayor signed it.")
    assert all(spk == "critics" and "signed" not in text for text, spk, _ in _claims(
        "Ignoring critics who have said the budget was a sham, the mayor signed it."))
