"""A person's possessed noun phrase (claims/possessed.py): where it ends, and when it is none."""
from articles.extraction.claims.possessed import phrase_end
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
