""""According to X" set off by commas inside the sentence it attributes (`frames._parenthetical_end`): the
content runs on past the aside when the sentence goes on, the source's own description included in the
aside; an apposition naming the source after its comma is no part of what was said. Sentences written
for these tests."""
import pytest

from tests.extraction.dated import claims_by_frame
from tests.extraction.test_rules import claims, only


def _content(sentence: str, needle: str) -> str:
    found, _ = claims(sentence)
    hit = only(found, needle)
    assert hit[3] == "according to"
    return hit[4]


def test_the_sentence_goes_on_past_a_source_with_a_description():
    text = _content("His complaint, according to an interview with The Gazette at the time, was the choice of "
                    "contractor.", "His complaint")
    assert text.endswith("was the choice of contractor")
    text = _content("Notably absent from the meeting, according to members who spoke to reporters afterwards, was any "
                    "mention of the harbour.", "Notably absent")
    assert text.endswith("any mention of the harbour")


def test_the_sentence_goes_on_with_a_sum_of_money():
    text = _content("The port receives, according to one report, $234 million a year from the ministry.", "The port")
    assert text.endswith("$234 million a year from the ministry")


def test_an_apposition_of_the_source_is_not_what_was_said():
    text = _content("Most gifts came from women, according to Crowdpac, a political website, with men far behind.",
                    "Most gifts")
    assert text == "Most gifts came from women"
    text = _content("Most gifts came from women, according to an analysis by Crowdpac, a political website, with men "
                    "far behind.", "Most gifts")
    assert text == "Most gifts came from women"
    # A clause after the aside still goes on, a determiner opening its subject.
    text = _content("At about 10 p.m., according to a timeline, the port guards left for the quay by the main gate.",
                    "At about 10")
    assert text.endswith("the port guards left for the quay by the main gate")


@pytest.mark.parametrize("sentence, content", [
    ("Among the rulings at risk, according to Ms. Lee, a law professor at Yale, are 16 cases on voting.",
     "Among the rulings at risk, according to Ms. Lee, a law professor at Yale, are 16 cases on voting"),
    ("The new rules, according to Jo Sharp, the agency's director, will take effect in May.",
     "The new rules, according to Jo Sharp, the agency's director, will take effect in May"),
])
def test_the_content_goes_on_past_the_sources_apposition_to_its_verb(sentence, content):
    """"X, according to Y, a Z, VERB ...": the apposition is the aside's, the verb after it the content's."""
    assert content in [text for text, _, _ in claims_by_frame(sentence)]
