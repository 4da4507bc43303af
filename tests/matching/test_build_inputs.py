"""What the index build reads from each fact-check's wording: token ids a block of texts at a time
and character grams from a per-word cache, both exactly as before (issue 23: import at scale)."""
import numpy as np

from articles.matching import semantic, text

TEXTS = ["Wages doubled under the governor", "", "Crime fell", "The senator voted for the border wall bill in 2019",
         "Crime fell"]


def padded_batch(texts):
    """The reference: one call of the model's (padding) tokenizer over every text."""
    enc = semantic.model().tokenizer.encode_batch([t.lower() for t in texts], add_special_tokens=False)
    return [np.unique(np.asarray(e.ids, dtype=np.int64)) for e in enc]


def test_token_ids_a_block_at_a_time_equal_one_padded_batch(monkeypatch):
    monkeypatch.setattr(semantic, "_TOKEN_BLOCK", 2)  # the longest text sits in the second block
    got, want = semantic.token_ids(TEXTS), padded_batch(TEXTS)
    assert len(got) == len(want) == len(TEXTS)
    assert all(np.array_equal(g, w) for g, w in zip(got, want, strict=True))
    pad = semantic.model().tokenizer.padding["pad_id"]
    assert pad in got[0] and pad in got[1] and pad not in got[3]  # shorter than the longest: padded
    assert semantic.token_ids([]) == [] and np.array_equal(semantic.token_ids([TEXTS[0]])[0], padded_batch(TEXTS[:1])[0])


def test_character_grams_of_content_words_from_the_cache():
    want = ["#wag", "wage", "ages", "ges#", "#dou", "doub", "oubl", "uble", "bled", "led#", "#und", "unde", "nder", "der#", "#gov", "gove",
            "over", "vern", "erno", "rnor", "nor#"]
    assert text.char_grams("Wages doubled under the governor") == want
    assert text.char_grams("Wages doubled under the governor") == want  # a second time, from the cache
    assert text.char_grams("an ox", 3) == ["#ox", "ox#"] and text.char_grams("") == []
