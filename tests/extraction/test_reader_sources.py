"""Words that speak to the reader or ask name no source: a "you" ("You can think of the plan as ..."),
a question ("How do you think he will ...", "What do you think of ..."), an imperative ("let's hope ...").
No one is said to say the content, so the claim follows the no-source path (no claim, its span spent);
"Many of you have noted that ..." counts readers the writer addresses and keeps its words. Sentences
written for these tests."""
from articles.extraction.claims.source_words import addressed

from .dated import extraction


def _sources(*paragraphs):
    ex = extraction(*paragraphs)
    return {c.text: c.speaker_text for c in ex.claims}


def test_a_question_to_the_reader_is_no_claim():
    found = _sources("Mayor Tom Willett spoke to reporters on Monday. "
                     "How do you think he will be able to fix the bridge?")
    assert not any("fix the bridge" in text for text in found)


def test_you_as_the_subject_is_no_source_and_the_claim_before_it_stays():
    found = _sources("Mayor Tom Willett promised a new bridge. You could argue that the plan is a gift to the river towns.")
    assert found.get("a new bridge") == "Mayor Tom Willett"
    assert not any("gift to the river towns" in text for text in found)


def test_an_imperative_let_is_no_source():
    found = _sources("Mayor Tom Willett promised a new bridge. And let's hope it stays that way.")
    assert not any("stays that way" in text for text in found)


def test_a_group_of_readers_keeps_its_words():
    found = _sources("Many of you have noted that the mayor promised a new bridge.")
    assert found.get("that the mayor promised a new bridge") == "Many of you"


def test_the_addressed_shape():
    assert addressed("You") and addressed("You’ve") and addressed("I know you") and addressed("everything else you")
    assert addressed("How do you") and addressed("What do you") and addressed("What I don’t") and addressed("Let me")
    assert not addressed("Many of you") and not addressed("Some of you") and not addressed("How Paul Ryan")
    assert not addressed("the youth") and not addressed("Young voters") and not addressed("The mayor")


def test_you_as_a_surname_names_its_speaker():
    # The Chinese surname "You" ("You Quan", "Mr You") is a name, not the reader.
    found = _sources('"The talks will go on," said You Quan, head of the trade office.')
    assert found.get('"The talks will go on,"') == "You Quan"
    assert not addressed("You Quan") and not addressed("Mr You") and not addressed("Vice Premier You Jin")
    assert addressed("You Can") and addressed("Thank You") and addressed("YOU")
