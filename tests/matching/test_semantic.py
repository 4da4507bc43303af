"""WordLlama sentence vectors (articles/matching/semantic.py): ``embed`` tokenizes without character
offsets (issue 23: import at scale) and must give WordLlama's own vectors bit for bit."""
import numpy as np

from articles.matching import semantic

WORDS = "the senator said wages doubled under the governor while crime fell and the border wall bill passed".split()


def texts():
    """Texts of many lengths (a batch of 64 pads to its longest), an empty one and non-ASCII."""
    out = [" ".join(WORDS[(i * 7) % len(WORDS):] + WORDS[:i % 11]) for i in range(150)]
    return [*out, "", "Ünïcødé “quotes” — 😀 50%", "x"]


def wordllama(texts):
    """The reference: WordLlama's ``embed`` over the texts sorted by length, as ``embed`` batches them."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with np.errstate(invalid="ignore", divide="ignore"):
        v = semantic.model().embed([texts[i] for i in order], norm=True)
    out = np.empty((len(texts), semantic.DIM), dtype=np.float32)
    out[order] = np.nan_to_num(np.asarray(v, dtype=np.float32))
    return out


def test_embed_gives_wordllamas_vectors_bit_for_bit():
    got, want = semantic.embed(texts()), wordllama(texts())
    assert got.dtype == np.float32 and got.shape == want.shape
    assert got.tobytes() == want.tobytes()
    assert not got[-3].any()  # an empty text: a zero row, not NaN
    assert np.allclose(np.linalg.norm(got[:-3], axis=1), 1.0, atol=1e-5)


def test_embed_of_one_text_and_of_none():
    assert semantic.embed([]).shape == (0, semantic.DIM)
    assert semantic.embed(["Crime fell"]).tobytes() == wordllama(["Crime fell"]).tobytes()


SPACED = ["The mayor said taxes rose ", "  two leading spaces", "three   inner spaces", "tab\tand\nnewline",
          "a literal \u2581 mark", "<s> an added token </s> and <unk>", "isn't it, \"quoted\"?", " ", "  ", "",
          "Zürich’s 2,000 “new” jobs 😀", "x" * 80, "end with two spaces  "]


def tokenizer(texts):
    return [e.ids for e in semantic._unpadded().encode_batch_fast(texts, add_special_tokens=False)]


def test_encode_ids_are_the_tokenizers_ids():
    """Ids put together from pieces tokenized once (issue 23: the import tokenizes each text's words
    again and again): the tokenizer's own, spaces at either end and runs of them included, and texts
    the pieces cannot stand for (a literal mark, an added token) tokenized whole."""
    semantic._pieces.clear()
    all_texts = [*texts(), *SPACED, *(t.lower() for t in SPACED)]
    assert semantic.encode_ids(all_texts) == tokenizer(all_texts)
    assert semantic.encode_ids(all_texts) == tokenizer(all_texts)  # from the cache this time
    assert "\u2581the" in semantic._pieces


def test_encode_ids_cache_starts_again_when_full(monkeypatch):
    monkeypatch.setattr(semantic, "_PIECES_MAX", 5)
    semantic._pieces.clear()
    got = semantic.encode_ids(SPACED)
    assert got == tokenizer(SPACED)
    assert len(semantic._pieces) <= max(5, len({p for t in SPACED for p in semantic._PIECE.findall("\u2581" + t.replace(" ", "\u2581"))}))
    assert semantic.encode_ids(texts()[:3]) == tokenizer(texts()[:3])


def test_embed_of_spaced_texts_bit_for_bit():
    assert semantic.embed(SPACED).tobytes() == wordllama(SPACED).tobytes()


def test_encode_ids_from_two_threads_with_a_small_cache(monkeypatch):
    """The import embeds in a worker thread while its writer may embed too: a cache replaced by one
    call never takes pieces from under the other."""
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(semantic, "_PIECES_MAX", 20)
    batches = [[f"{w} {i} {w}{i} words{i % 7} ." for w in WORDS] for i in range(60)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        got = list(pool.map(semantic.encode_ids, batches))
    assert got == [tokenizer(b) for b in batches]


def test_one_text_is_tokenized_without_the_cache():
    """A query (one text, in a web worker) leaves the piece cache as it was."""
    semantic._pieces.clear()
    assert semantic.encode_ids(["Wages doubled under the governor"]) == tokenizer(["Wages doubled under the governor"])
    assert semantic.token_ids(["Wages doubled"])[0].tolist() == sorted(set(tokenizer(["wages doubled"])[0]))
    assert not semantic._pieces


class _Interleaved:
    """The tokenizer, running another call of ``encode_ids`` (the other thread) when it is asked for
    whole texts: between this call's update of the piece cache and its reads of it."""

    def __init__(self, tok, other):
        self.tok, self.other, self.got = tok, other, None

    def encode_batch_fast(self, texts, **kw):
        if self.other and any("\u2581" in t for t in texts):
            other, self.other = self.other, None
            self.got = semantic.encode_ids(other)
        return self.tok.encode_batch_fast(texts, **kw)

    def __getattr__(self, name):
        return getattr(self.tok, name)


def test_a_cache_filled_by_another_call_between_update_and_reads_keeps_this_calls_pieces(monkeypatch):
    """The two-thread test above passes with a cache emptied in place too (the threads seldom switch
    in that gap): here the other call runs in it, every time. It fills the small cache, which is
    replaced, so this call still reads every piece it added."""
    real = semantic._unpadded()
    semantic._whole_text_only(), semantic._lone_mark()
    monkeypatch.setattr(semantic, "_PIECES_MAX", 20)
    semantic._pieces.clear()
    other = [f"other{i} words{i} more{i}" for i in range(12)]  # 36 new pieces: past the 20
    mine = ["the senator said wages doubled", "crime fell under the governor", "a literal \u2581 mark"]
    tok = _Interleaved(real, other)
    monkeypatch.setattr(semantic, "_unpadded", lambda: tok)
    assert semantic.encode_ids(mine) == tokenizer(mine)
    assert tok.other is None and tok.got == tokenizer(other)


LONG = ["see https://example.org/" + "abcdefghij0123456789" * 6 + " now", "中华人民共和国的经济增长" * 8 + "。 ok",
        "😀" * 40 + " fine", "x" * 5000 + " y", "an ordinary claim about wages"]


def test_long_pieces_are_tokenized_but_not_kept():
    """The cache is bounded by its count of pieces: a piece of many tokens (a URL, a text in a script
    written without spaces, a run of emoji) is seldom seen twice and would hold hundreds of ids
    (texts of URLs held ~200 MB in 10,000 pieces); such pieces are tokenized each time, not kept."""
    semantic._pieces.clear()
    for _ in range(2):
        assert semantic.encode_ids(LONG) == tokenizer(LONG)
    assert semantic._pieces and "\u2581wages" in semantic._pieces
    assert max(len(p) for p in semantic._pieces) <= semantic._PIECE_CHARS
    assert max(len(ids) for ids in semantic._pieces.values()) <= semantic._PIECE_TOKENS


def _pad_by_insert(out, lengths):
    """The reference: ``pad_token_ids`` as it was written, with ``np.insert``."""
    pad = (semantic.model().tokenizer.padding or {}).get("pad_id")
    longest = max(lengths, default=0)
    for i, n in enumerate(lengths):
        if pad is not None and n < longest:
            pos = int(np.searchsorted(out[i], pad))
            if pos == len(out[i]) or out[i][pos] != pad:
                out[i] = np.insert(out[i], pos, pad)
    return out


def test_padding_ids_are_inserted_in_order_as_np_insert_did():
    """``pad_token_ids`` (a full build pads every row of a segment; np.insert's generic path was ~7 us
    a row) gives the sorted arrays np.insert gave: the pad id placed in order, before, among or after
    the ids, once, in the same dtype; the longest text and one holding the pad id left as they were."""
    pad = (semantic.model().tokenizer.padding or {}).get("pad_id")
    assert pad is not None
    rows = [np.asarray(r, dtype=np.int64) for r in
            ([], [pad - 1], [pad + 1, pad + 5], [pad - 3, pad + 2], [pad], [1, 2, 3, pad - 1, pad + 1, pad + 9])]
    if pad == 0:  # nothing sorts before id 0: then the "before" case is the empty and leading rows
        rows = [np.unique(np.abs(r)) for r in rows]
    lengths = [len(r) for r in rows[:-1]] + [100]
    got = semantic.pad_token_ids([r.copy() for r in rows], lengths)
    want = _pad_by_insert([r.copy() for r in rows], lengths)
    for g, w, r in zip(got[:-1], want, rows, strict=False):
        assert g.dtype == w.dtype == r.dtype and g.tolist() == w.tolist()
        assert (g[1:] > g[:-1]).all() and g.tolist().count(pad) == 1
    assert got[-1].tolist() == rows[-1].tolist()  # the longest: no padding
    texts_ = texts()
    assert [t.tolist() for t in semantic.token_ids(texts_)] == \
        [t.tolist() for t in _pad_by_insert(*semantic.unpadded_token_ids(texts_))]


def test_weighted_vector_is_the_normalised_weighted_sum_bit_for_bit():
    """``weighted_vector`` without the gather's float32 copy and np.linalg.norm's checks: the same
    float32 bits as that formula, a zero row for no ids."""
    rng = np.random.default_rng(3)
    weights = rng.random(semantic.vocab_size()).astype(np.float32)
    emb = semantic.model().embedding
    before = emb[:50].copy(), float(emb.sum(dtype=np.float64))
    for ids in [*semantic.token_ids(texts()), rng.integers(0, semantic.vocab_size(), 300), np.asarray([7])]:
        v = (emb[ids].astype(np.float32) * weights[ids][:, None]).sum(0)
        want = v / (np.linalg.norm(v) + 1e-9)
        got = semantic.weighted_vector(ids, weights)
        assert got.dtype == np.float32 and got.tobytes() == want.tobytes()
    assert not semantic.weighted_vector(np.zeros(0, dtype=np.int64), weights).any()
    # the weights multiply the gathered copy in place, never the model's own table
    assert np.array_equal(emb[:50], before[0]) and float(emb.sum(dtype=np.float64)) == before[1]
