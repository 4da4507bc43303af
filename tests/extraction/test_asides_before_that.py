"""An aside set off by commas between a verb of saying and its "that" ("said, however, that ...", "argued,
for example, that ...") is the saying's, not the content's: the content opens at "that", for the rules'
cues and the learned ones. Was: "however, that the budget was balanced" (learned), and no claim at all
for "said, in fact, that". An attribution or a clause between the commas is no such aside. Sentences
written for these tests."""
from articles.extraction.claims.content import ASIDE_BEFORE_THAT
from tests.extraction.dated import claims_by_frame


def test_a_sentence_adverb_between_the_cue_and_that():
    claims = claims_by_frame("The governor said, however, that the budget was balanced.")
    assert claims == [("that the budget was balanced", "The governor", "that_clause")]
    claims = claims_by_frame("The union added, though, that the strike would go on.")
    assert claims == [("that the strike would go on", "The union", "that_clause")]


def test_a_short_phrase_between_the_cue_and_that():
    assert claims_by_frame("The governor argued, for example, that the budget was balanced.") == [
        ("that the budget was balanced", "The governor", "that_clause")]
    assert claims_by_frame("Jo Sharp said, without evidence, that the vote was rigged.") == [
        ("that the vote was rigged", "Jo Sharp", "that_clause")]


def test_a_learned_cue_with_an_aside_before_that():
    claims = claims_by_frame("Mayor Tom Hill said, of course, that the road would open.")
    assert claims == [("that the road would open", "Tom Hill", "learned")]


def test_an_attribution_or_a_clause_between_the_commas_is_no_aside():
    assert ASIDE_BEFORE_THAT.match(", in fact, that")
    assert ASIDE_BEFORE_THAT.match(", per a translator, that")
    # A pronoun subject, a verb of saying or a finite verb: an attribution or a clause of its own.
    assert not ASIDE_BEFORE_THAT.match(", he said, that")
    assert not ASIDE_BEFORE_THAT.match(", and I say it every day, that")
    assert not ASIDE_BEFORE_THAT.match(", which was late, that")
    assert not ASIDE_BEFORE_THAT.match(", ‘Wait, that")
