"""Semantic evidence from WordLlama (MIT; numpy only; its 256-dimension model ships in the wheel).

Loaded once per process from the package folder with downloads off: nothing is fetched at run time.
Besides sentence vectors (average-pooled token vectors) it offers soft token matching: each query
token's best cosine against the candidate's tokens, weighted by the token's rarity in the library.
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

DIM = 256
# The tokenizer on the calling thread: rayon's pool kept ~180 MB of freed encodings resident after
# 100,000 texts (one thread: ~70 MB, bounded) and took more CPU on 2 cores (5.8 against 5.1 s): the
# import's and the index build's tokenizing (a query is one text). A setting made before stays.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@lru_cache(maxsize=1)
def model():
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


_shared: dict[str, np.ndarray] = {}  # the token vectors mapped from files (see ``share``)


def vocab_size() -> int:
    """Token ids run below this (the index build's counts, without making the unit vectors)."""
    return len(_shared["unit"]) if "unit" in _shared else len(model().embedding)


def unit_token_vectors() -> np.ndarray:
    return _shared["unit"] if "unit" in _shared else _unit_token_vectors()


@lru_cache(maxsize=1)
def _unit_token_vectors() -> np.ndarray:
    e = model().embedding.astype(np.float32)
    return e / (np.linalg.norm(e, axis=1, keepdims=True) + 1e-9)


def share(folder: Path) -> None:
    """Map the token vectors (the model's and their unit versions: 64 MB) from files in ``folder``,
    written once with the same values, so the processes that share the folder (every web worker
    with the match index) share one copy of them in the page cache instead of each holding its own."""
    if _shared or not folder.is_dir():
        return
    import hashlib

    m = model()
    key = hashlib.blake2b(np.ascontiguousarray(m.embedding).tobytes(), digest_size=8).hexdigest()
    mapped = {}
    for name in ("embedding", "unit"):
        path = folder / f"wordllama-{key}-{name}.npy"
        if not path.exists():
            arr = m.embedding if name == "embedding" else _unit_token_vectors()
            tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npy")
            np.save(tmp, np.ascontiguousarray(arr, dtype=np.float32))
            try:  # the first writer's file stays: processes starting together all map that one
                os.link(tmp, path)
            except FileExistsError:
                pass
            finally:
                os.unlink(tmp)
        mapped[name] = np.asarray(np.load(path, mmap_mode="r"))
    if mapped["embedding"].shape != m.embedding.shape:
        return
    m.embedding = mapped["embedding"]  # the same values: WordLlama reads rows of it to embed
    _shared.update(mapped)
    _unit_token_vectors.cache_clear()


_EMBED_BATCH = 64  # WordLlama's own batch: each batch padded to its longest text


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors, float32, one row a text; an empty text gives a zero row (not NaN). WordLlama's
    ``embed`` step for step (batches of 64 padded to their longest, the same gather, mask, sum and
    norm: the same vectors bit for bit), but tokenized by ``encode_batch_fast``, which skips the
    character offsets ``encode_batch`` builds and nothing here reads (its tokens ~35% less CPU; the
    import's vectors, three texts a fact-check, were ~8 s of CPU in 30,000 records)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    # WordLlama pads each batch of 64 texts to its longest: texts of like length together pad (and
    # look up) fewer tokens; the same vectors bit for bit (a padded token adds exact zeros)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    m = model()
    top = m.embedding.shape[0] - 1
    out = np.empty((len(texts), DIM), dtype=np.float32)
    for k in range(0, len(order), _EMBED_BATCH):
        rows = order[k:k + _EMBED_BATCH]
        # padded to the batch's longest with the tokenizer's pad id, as its own padding does
        seqs = encode_ids([texts[i] for i in rows])
        longest = max(map(len, seqs))
        ids = np.full((len(seqs), longest), _pad_id(), dtype=np.int32)
        mask = np.zeros((len(seqs), longest), dtype=np.float32)
        for j, s in enumerate(seqs):
            ids[j, :len(s)] = s
            mask[j, :len(s)] = 1.0
        np.clip(ids, 0, top, out=ids)
        with np.errstate(invalid="ignore", divide="ignore"):
            v = m.avg_pool(m.embedding[ids], mask)
            v /= np.linalg.norm(v, axis=1, keepdims=True)
        out[rows] = np.nan_to_num(v)
    return out


_TOKEN_BLOCK = 2048  # texts a tokenizer call (its encodings keep every token's string and offsets)


@lru_cache(maxsize=1)
def _unpadded():
    """The model's tokenizer without its padding: ``token_ids`` reads a block of texts at a time."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_str(model().tokenizer.to_str())
    tok.no_padding()
    return tok


def token_ids(texts: list[str]) -> list[np.ndarray]:
    """Each text's distinct token ids, sorted, as one padded batch of all ``texts`` gives them: a
    text shorter than the longest also holds the padding id. Tokenized a block at a time (one call
    for a 50,000-row segment held ~500 MB of encodings, which the allocator kept after)."""
    return pad_token_ids(*unpadded_token_ids(texts))


def unpadded_token_ids(texts: list[str]) -> tuple[list[np.ndarray], list[int]]:
    """Each text's distinct token ids without the padding, and its number of tokens: a segment's
    build reads its rows a block at a time, then pads them all at once (``pad_token_ids``)."""
    out, lengths = [], []
    for k in range(0, len(texts), _TOKEN_BLOCK):
        for ids in encode_ids([t.lower() for t in texts[k:k + _TOKEN_BLOCK]]):
            lengths.append(len(ids))
            out.append(np.unique(np.asarray(ids, dtype=np.int64)))
    return out, lengths


# The model's tokenizer (a Llama SentencePiece BPE: spaces normalised to "▁", a "▁" prepended, no
# pre-tokenizer) runs its merges over a whole text as one word, so its own word cache never hits
# (~33 us a 25-word text). No merge of its vocabulary puts a "▁" after anything but "▁" (the only
# tokens with an inner "▁" are runs of it), so no token spans the start of a run of "▁" that follows
# another character: a text's ids are its pieces' ids one after the other, each piece a run of "▁"
# and the characters up to the next one. ``encode_ids`` tokenizes each distinct piece once.
_PIECE = re.compile("\u2581+[^\u2581]*")
_PIECES_MAX = 50_000  # pieces kept, ~280 bytes each (both libraries: 82,269 in 22.5 MB); replaced when full
# A piece is kept only if short, so that the count bounds the bytes: a URL, a text in a script written
# without spaces or a run of emoji is one piece of up to hundreds of ids (~36 bytes each), seldom seen
# twice (texts of URLs: ~200 MB in 10,000 pieces). The two libraries' claims and titles: 269 of 71,236
# pieces have more than 8 tokens (26 of their 295 occurrences repeats), 3 more than 32 characters.
_PIECE_CHARS, _PIECE_TOKENS = 32, 8
_pieces: dict[str, list[int]] = {}


def _pad_id() -> int:
    return (model().tokenizer.padding or {}).get("pad_id") or 0


@lru_cache(maxsize=1)
def _whole_text_only() -> re.Pattern:
    """Texts the pieces cannot stand for: a literal "▁" (the normaliser's own mark) or one of the
    tokenizer's added tokens (matched in the raw text before normalising)."""
    added = [t["content"] for t in json.loads(_unpadded().to_str()).get("added_tokens", ())]
    return re.compile("|".join(map(re.escape, ["\u2581", *added])))


@lru_cache(maxsize=1)
def _lone_mark() -> list[int]:
    """The ids of a lone "▁" (a text's trailing space), as the tokenizer reads it after a word."""
    word = _unpadded().encode("a", add_special_tokens=False).ids
    return _unpadded().encode("a ", add_special_tokens=False).ids[len(word):]


def encode_ids(texts: list[str]) -> list[list[int]]:
    """The tokenizer's ids of each text (no special tokens, no padding), the same as its
    ``encode_batch_fast``: each distinct piece of the texts tokenized once (see ``_PIECE``)."""
    if len(texts) == 1:  # a query: the tokenizer itself (no cache to grow in a web worker)
        return [e.ids for e in _unpadded().encode_batch_fast(texts, add_special_tokens=False)]
    special = _whole_text_only()
    split = [_PIECE.findall("\u2581" + t.replace(" ", "\u2581")) if t and not special.search(t) else None
             for t in texts]
    # this call's own reference: a full cache is replaced, never emptied, so the import's worker
    # thread and its writer (both embed) never lose pieces the other is reading
    global _pieces
    cache, long = _pieces, {}
    new = list(dict.fromkeys(p for ps in split if ps for p in ps if p not in cache))
    if len(cache) + len(new) > _PIECES_MAX:
        cache = _pieces = {}
        new = list(dict.fromkeys(p for ps in split if ps for p in ps))
    if new:  # a piece "▁" * k + word is what the tokenizer makes of " " * (k - 1) + word
        encoded = _unpadded().encode_batch_fast([p[1:].replace("\u2581", " ") for p in new], add_special_tokens=False)
        made = dict(zip(new, (e.ids for e in encoded), strict=True))
        if "\u2581" in made:  # a text's trailing space: an empty text has no ids, the piece has its token
            made["\u2581"] = _lone_mark()
        # a long piece (see _PIECE_TOKENS): this call's own, not kept
        long = {p: ids for p, ids in made.items() if len(p) > _PIECE_CHARS or len(ids) > _PIECE_TOKENS}
        cache.update({p: ids for p, ids in made.items() if p not in long} if long else made)
    whole = [t for t, ps in zip(texts, split, strict=True) if ps is None]
    rest = iter(e.ids for e in _unpadded().encode_batch_fast(whole, add_special_tokens=False)) if whole else iter(())
    get = cache.__getitem__

    def get_long(p):  # a text with a long piece: those from this call's own
        return long[p] if p in long else cache[p]

    return [next(rest) if ps is None else list(chain.from_iterable(map(get, ps))) if long.keys().isdisjoint(ps)
            else list(chain.from_iterable(map(get_long, ps))) for ps in split]


def pad_token_ids(out: list[np.ndarray], lengths: list[int]) -> list[np.ndarray]:
    """``unpadded_token_ids`` of texts taken together as one padded batch: the padding id added
    (in place) to each shorter than the longest."""
    pad = (model().tokenizer.padding or {}).get("pad_id")
    longest = max(lengths, default=0)
    for i, n in enumerate(lengths):
        if pad is not None and n < longest:
            pos = int(np.searchsorted(out[i], pad))
            if pos == len(out[i]) or out[i][pos] != pad:
                # np.insert's result without its generic path (~7 us a row: 2 s of a 300,000 build)
                a = out[i]
                out[i] = np.concatenate((a[:pos], np.asarray([pad], dtype=a.dtype), a[pos:]))
    return out


def idf(docs: list[np.ndarray], vocab_size: int, background: tuple[int, dict[int, int]] | None = None) -> np.ndarray:
    df = np.zeros(vocab_size, dtype=np.float32)
    for d in docs:
        df[d] += 1
    n = max(len(docs), 1)
    if background:
        n += background[0]
        for token, count in background[1].items():
            df[token] += count
    return np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)


def weighted_vector(ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
    if not len(ids):
        return np.zeros(DIM, dtype=np.float32)
    # the gather is float32 already (no astype copy) and the norm is np.linalg.norm's own dot
    # product without its checks: the same bits, ~25% less CPU (a build makes one a row)
    v = model().embedding[ids]
    v *= weights[ids][:, None]
    v = v.sum(0)
    return v / (np.sqrt(v.dot(v)) + 1e-9)


def soft_match(query: np.ndarray, doc: np.ndarray, weights: np.ndarray) -> tuple[float, float]:
    """(query tokens covered by the document, document tokens covered by the query), each a
    rarity-weighted mean of best token cosines."""
    if not len(query) or not len(doc):
        return 0.0, 0.0
    tv = unit_token_vectors()
    sims = tv[query] @ tv[doc].T
    wq, wd = weights[query], weights[doc]
    return (float((sims.max(1) * wq).sum() / (wq.sum() or 1.0)),
            float((sims.max(0) * wd).sum() / (wd.sum() or 1.0)))


def soft_match_many(query: np.ndarray, docs: list[np.ndarray], weights: np.ndarray) -> np.ndarray:
    """``soft_match`` of the query against each document, (len(docs), 2) float32: one product of the
    query's token vectors with every document's at once (a match scores a hundred candidates)."""
    out = np.zeros((len(docs), 2), dtype=np.float32)
    full = [k for k, d in enumerate(docs) if len(d)]
    if not len(query) or not full:
        return out
    lens = np.asarray([len(docs[k]) for k in full])
    flat = np.concatenate([docs[k] for k in full])
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    tv = unit_token_vectors()
    sims = tv[query] @ tv[flat].T  # (query tokens, every document token)
    wq, wd = weights[query], weights[flat]
    best_q = np.maximum.reduceat(sims, starts, axis=1)  # each query token's best in each document
    out[full, 0] = (best_q * wq[:, None]).sum(0) / (wq.sum() or 1.0)
    per_doc = np.add.reduceat(sims.max(0) * wd, starts)
    out[full, 1] = per_doc / np.where((wsum := np.add.reduceat(wd, starts)) == 0, 1.0, wsum)
    return out
