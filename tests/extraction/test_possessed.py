"""A person's possessed noun phrase (claims/possessed.py): where it ends, and when it is none."""
from articles.extraction.claims.possessed import has_only, phrase_end
from articles.extraction.claims.sources import GAP_WORDS
from articles.extraction.lexicon import CUE_LEMMA


def _end(text, name, limit_word):
    name_end = text.index(name) + len(name)
    limit = text.index(limit_word)
    end = phrase_end(text, name_end, limit, GAP_WORDS, CUE_LEMMA)
    return None if end is None else text[name_end:end]


def test_a_role_or_a_source_noun_after_the_possessive_is_the_phrase():
    assert _end("Ann Ford's chief of staff said it.", "Ann Ford", " said") == "'s chief of staff"
    assert _end("Ann Ford’s longtime lawyer has also said it.", "Ann Ford", " said") == "’s longtime lawyer"
    assert _end("Jim Bates' spokesman wrote it.", "Jim Bates", " wrote") == "' spokesman"


def test_a_thing_an_adverb_or_a_capitalised_word_is_no_phrase():
    assert _end("Ann Ford's remarks suggest it.", "Ann Ford", " suggest") is None
    assert _end("Ann Ford's campaign said it.", "Ann Ford", " said") is None
    assert _end("Ann Ford's always said it.", "Ann Ford", " said") is None  # "'s" is "has"
    assert _end("Ann Ford's spokesman Tim Cole said it.", "Ann Ford", " said") is None
    assert _end("Ann Ford said it.", "Ann Ford", " said") is None


def test_after_the_cue_the_phrase_may_end_before_a_preposition_a_number_or_a_name():
    def after(text, name):
        name_end = text.index(name) + len(name)
        end = phrase_end(text, name_end, text.index("."), GAP_WORDS, CUE_LEMMA, open_end=True)
        return None if end is None else text[name_end:end]
    assert after("said Ann Ford's lawyer on Monday.", "Ann Ford") == "'s lawyer"
    assert after("said Ann Ford's lawyer in a statement.", "Ann Ford") == "'s lawyer"
    assert after("said Ann Ford's husband of 40 years.", "Ann Ford") == "'s husband"
    assert after("said Ann Ford's chief of staff for policy.", "Ann Ford") == "'s chief of staff"
    assert after("said Ann Ford's spokeswoman Kim Lo.", "Ann Ford") == "'s spokeswoman"
    assert after("said Ann Ford's lawyer's aide.", "Ann Ford") is None  # the lawyer's aide, not the lawyer
    assert after("said Ann Ford's statement on Monday.", "Ann Ford") is None
    # Before the cue the words must run to it.
    text = "Ann Ford's lawyer on Monday said it."
    assert phrase_end(text, 8, text.index(" said"), GAP_WORDS, CUE_LEMMA) is None


def test_kin_and_the_people_one_works_or_lives_with_are_people():
    for noun in ("widow", "niece", "grandson", "fiancée", "family", "coach", "successor", "neighbour",
                 "sister-in-law", "sisters-in-law", "children"):
        assert _end(f"Ann Ford's {noun} said it.", "Ann Ford", " said") == f"'s {noun}", noun


def test_any_head_takes_a_thing_but_never_a_has():
    def any_end(text):
        end = phrase_end(text, 8, text.index(" said"), GAP_WORDS, CUE_LEMMA, any_head=True)
        return None if end is None else text[8:end]
    assert any_end("Ann Ford's letter said it.") == "'s letter"
    assert any_end("Ann Ford's always said it.") is None
    assert any_end("Ann Ford's repeatedly said it.") is None
    assert any_end("Ann Ford's has long said it.") is None


def test_a_has_is_adverbs_and_auxiliaries_only():
    assert has_only("always", GAP_WORDS) and has_only("has repeatedly", GAP_WORDS)
    assert not has_only("family", GAP_WORDS)  # "-ly", no adverb
    assert not has_only("chief of staff", GAP_WORDS)
