"""The hearer of a verb of telling is no part of what was said (issue #22, real pages of other outlets):
`claims/hearers.py`, used by `frames.told_object_clause`, `frames.skip_object` and the learned frame's
`cues.content_start`. Sentences written here."""
import pytest

from articles.extraction.claims.hearers import past_hearer
from tests.extraction.dated import claims_by_frame


def _after_told(sentence):
    i = sentence.index("told") + len("told")
    past = past_hearer(sentence, i, len(sentence))
    return past and (past[1], sentence[past[0]:].lstrip(":, "))


@pytest.mark.parametrize("sentence, kind, content", [
    ("Ruth Obi told police she had seen the van.", "clause", "she had seen the van."),
    ("He told visiting ferry captains they would need permits.", "clause", "they would need permits."),
    ("She told the board to wait.", "clause", "to wait."),
    ("She told parents not to send their children in.", "clause", "not to send their children in."),
    ("He told his staff never to speak of it.", "clause", "never to speak of it."),
    ("He told hikers the trail would stay closed.", "clause", "the trail would stay closed."),
    ("She told the panel how the money was spent.", "clause", "how the money was spent."),
    ("He told local radio this week that the squad is ready.", "that", "that the squad is ready."),
    ("He told investors of Bellwether Foods, the chain's parent, on Oct. 31 that it would pay.", "that",
     "that it would pay."),
    ("She told The Post and Courier on Saturday that she voted.", "that", "that she voted."),
    ("She told the Gazette in a phone interview, “We stay.”", "quote", "“We stay.”"),
])
def test_the_content_opens_past_the_hearer(sentence, kind, content):
    assert _after_told(sentence) == (kind, content)


@pytest.mark.parametrize("sentence", [
    "He told of the risk that the dam would break.",       # no hearer: "told of"
    "He told the story of a shift that went wrong.",       # a thing told, not a hearer
    "He told him about the harbour.",                      # no content after the hearer
    "He told the crowd, to loud applause, that he would stay.",  # "to" opens no infinitive here
    "She told the committee that investigated the crash that it was wrong.",  # the hearer's own relative clause
    "He told the Gazette.",
])
def test_no_hearer_before_a_content(sentence):
    assert _after_told(sentence) is None


@pytest.mark.parametrize("sentence, content", [
    ("The harbour master told visiting ferry captains they would need new permits before spring.",
     "they would need new permits before spring"),
    ("Councillor Ruth Obi told police she had seen the van leave the depot twice.",
     "she had seen the van leave the depot twice"),
    ("The chief executive told investors of Bellwether Foods, the bakery chain's parent, on Oct. 31 that the "
     "merger would cut its debt.", "that the merger would cut its debt"),
    ("Two former wardens told the Valley Courier that the inmates had been moved without notice.",
     "that the inmates had been moved without notice"),
    ("The minister told regional health officials to cancel all leave until March.",
     "to cancel all leave until March"),
    ("The head teacher told parents not to send their children in on Monday.",
     "not to send their children in on Monday"),
    ("Maria Lund told the Harbour Gazette in a phone interview, “We are not selling the farm.”",
     "“We are not selling the farm.”"),
])
def test_a_told_claim_leaves_its_hearer_out(sentence, content):
    assert content in [text for text, _, _ in claims_by_frame(sentence)]


def test_a_thing_told_is_no_hearer_before_a_relative_that():
    """"told the story of a night shift that went wrong": the relative clause is no content of its own."""
    texts = [text for text, _, _ in claims_by_frame("The inspector told the story of a night shift that went wrong.")]
    assert "that went wrong" not in texts


@pytest.mark.parametrize("sentence, content", [
    ("The chief executive assured investors that the merger would go ahead.", "that the merger would go ahead"),
    ("The treasurer was assuring nervous donors that the campaign had enough money.",
     "that the campaign had enough money"),
])
def test_the_learned_stem_of_assure_leaves_its_hearer_out(sentence, content):
    """The learned features cut "assured" to "assur": still a verb of telling (``hearers.telling``)."""
    texts = [text for text, _, _ in claims_by_frame(sentence)]
    assert content in texts and not any(t.startswith(("investors", "nervous")) for t in texts)


@pytest.mark.parametrize("sentence, content", [
    ("The senator told reporters Trump was wrong about the tariffs.", "Trump was wrong about the tariffs"),
    ("The witness told the jury the defendant lied to police.", "the defendant lied to police"),
])
def test_a_named_subject_or_a_past_verb_opens_the_content_past_the_hearer(sentence, content):
    """"told reporters Trump was ...", "told the jury the defendant lied": the clause has no auxiliary."""
    assert content in [text for text, _, _ in claims_by_frame(sentence)]
