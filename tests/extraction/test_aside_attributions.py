"""An attribution set off by commas inside the sentence it reports ("At the time, she said, Grayson was
...": `frames.aside_goes_on`, `frames.parenthetical`, the learned frame's `cues._interrupts`): what was
said is the sentence around the aside. Sentences written for these tests."""
from articles.extraction.claims.frames import aside_goes_on
from tests.extraction.test_direct_quotes import extract, holding
from tests.extraction.test_learned_frame import claims_of, stub_model


def test_a_sentence_going_on_with_a_name_after_the_aside_is_one_content():
    ex = extract("Pam Oduya runs the county clinic.",
                 "At the time, Oduya said, Dunmore was trying to close the night ward for good.")
    text, who = holding(ex, "At the time", "close the night ward")
    assert text.startswith("At the time, Oduya said, Dunmore") and who == "Pam Oduya"
    ex = extract("Pam Oduya runs the county clinic.",
                 "In Leeds, Oduya said, The Gazette is read as a paper of the hospital board.")
    assert holding(ex, "In Leeds", "paper of the hospital board")[1] == "Pam Oduya"


def test_a_verb_then_that_after_the_aside_goes_on_with_the_clause_before():
    ex = extract("Pam Oduya runs the county clinic.",
                 "The only problem, Oduya said, is that the night ward costs twice what the day ward does.")
    text, who = holding(ex, "The only problem", "costs twice")
    assert who == "Pam Oduya"


def test_what_is_no_continuation_of_the_sentence():
    assert aside_goes_on(", Dunmore was trying to close it")
    assert aside_goes_on(" on Friday, the ward is full again")
    assert not aside_goes_on(", however, that the ward was full")  # the cue's own clause
    assert not aside_goes_on(", that the ward was full")
    assert not aside_goes_on(", and the ward closed in May")
    assert not aside_goes_on(", Monday.")  # a day, and too short for a clause
    assert not aside_goes_on(", March 3, in a letter to the board")
    assert aside_goes_on(", may be on the board's side")  # a modal, not the month
    ex = extract("Pam Oduya runs the county clinic.", "The night ward was full, Oduya said, Monday.")
    assert all("Monday" not in c.text for c in ex.claims)


def test_a_learned_cue_in_an_aside_reports_the_sentence_around_it():
    ex, found = claims_of("At the time, the planners grumbled, Dunmore was trying to close the ferry route.",
                          stub_model("grumbled", before=True))
    assert len(found) == 1, ex.claims
    assert found[0].text == "At the time, the planners grumbled, Dunmore was trying to close the ferry route"
    assert found[0].speaker_text == "the planners"
    ex, found = claims_of("That attitude, many boatmen grumbled, could cost the town its ferry for good.",
                          stub_model("grumbled", before=True))
    assert found[0].text.startswith("That attitude") and found[0].text.endswith("ferry for good")


def test_a_learned_cue_with_a_clause_of_its_own_after_it_keeps_the_words_before():
    # ", and ..." starts a clause of its own: the content stays the words before the speaker.
    ex, found = claims_of("The ferry is losing money, the harbour pilots grumbled, and the tolls rose again.",
                          stub_model("grumbled", before=True))
    assert found and all("tolls rose" not in c.text for c in found)
    # A quotation before the speaker is the quotation frames' form, not an interrupted sentence.
    ex, found = claims_of("“The ferry is finished,” the harbour pilots grumbled, Dunmore said nothing about it.",
                          stub_model("grumbled", before=True))
    assert all("Dunmore" not in c.text for c in found)


def test_a_reason_after_the_aside_goes_on_with_what_was_said():
    ex = extract("Pam Oduya runs the county clinic.",
                 "The night ward is closing, Oduya said, because the county cannot find enough nurses.")
    text, who = holding(ex, "night ward is closing", "enough nurses")
    assert who == "Pam Oduya"
    # After a quotation opening the sentence the clause before the speaker stays the content.
    ex = extract("Pam Oduya runs the county clinic.",
                 "She was not surprised that the ''night'' ward closed, Oduya said, because the county cannot pay.")
    assert any(c.text.endswith("ward closed") for c in ex.claims), [c.text for c in ex.claims]
