"""The local features of a candidate cue, shared by training and prediction (the tokens are the rules' own,
:mod:`articles.extraction.tokens`).

One function, :func:`cue_features`, describes a token for the cue model; the trainer and the
extractor both call it, so the model always sees at prediction what it saw in training.
"""
from __future__ import annotations

import re

from ..lexicon import CUE_LEMMA
from ..text import CLOSE_QUOTES, OPEN_QUOTES
from ..tokens import Token
from .clusters import word_classes

_PRONOUNS = frozenset("he she they it i we you who which".split())
_DETERMINERS = frozenset("the a an his her their its our my your this that these those".split())
_PREPS = frozenset("about on of for to against with over at in by from as out into".split())


def lemma(low: str) -> str:
    """A cheap lemma: the lexicon's for known cue forms, else a stripped suffix."""
    known = CUE_LEMMA.get(low)
    if known:
        return known
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            return low[: len(low) - len(suffix)] + repl
    return low


def norm(low: str) -> str:
    """A lower-cased form with its apostrophes straightened ("he’s" and "he's" are one form)."""
    return low.replace("\u2019", "'") if "\u2019" in low else low


_STEM_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ying", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", ""))


def stem(low: str) -> str:
    """A crude stem shared by a verb's inflections ("warns", "warned", "warning" -> "warn"; "argue",
    "argued", "argues" -> "argu"; "committed" -> "commit"): the back-off that lets a form never seen
    in training be scored through the forms of it that were."""
    w = norm(low)
    for suffix, repl in _STEM_SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


def suffix_class(low: str) -> str:
    for suffix in ("ing", "ed", "s"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            return suffix
    return "-"


# Punctuation and quotation marks stand for themselves; word classes by the first list that has the word.
_MARK_SHAPES = {**{q: "<oq>" for q in OPEN_QUOTES}, **{q: "<cq>" for q in CLOSE_QUOTES}, '"': "<q>", "''": "<q>",
                **{p: p for p in ",;:.!?—–-()"}}
_CLAUSE_MARKS = frozenset(",;:—–()\"" + CLOSE_QUOTES + OPEN_QUOTES) | {"''"}
_WORD_CLASSES = ((_PRONOUNS, "<pron>"), (_DETERMINERS, "<det>"), (_PREPS, "<prep>"), (frozenset({"that"}), "<that>"))


def _shape(tok: Token | None) -> str:
    if tok is None:
        return "<none>"
    w = tok.word
    mark = _MARK_SHAPES.get(w)
    if mark is not None:
        return mark
    cls = next((name for words, name in _WORD_CLASSES if tok.low in words), None)
    if cls is not None:
        return cls
    return "<Cap>" if w[:1].isupper() else "<num>" if w[:1].isdigit() else "<w>"


def cue_features(tokens: list[Token], i: int, sent_start: int, sent_end: int, quoted: list[bool],
                 headline: bool = False) -> list[str]:
    """Features of token i as a candidate cue; sent_start/sent_end are token indexes."""
    t = tokens[i]
    w = norm(t.low)
    lem = lemma(w)
    st = stem(w)
    sfx = suffix_class(w)
    p1 = tokens[i - 1] if i - 1 >= sent_start else None
    p2 = tokens[i - 2] if i - 2 >= sent_start else None
    n1 = tokens[i + 1] if i + 1 < sent_end else None
    n2 = tokens[i + 2] if i + 2 < sent_end else None
    p1w = norm(p1.low) if p1 else "<s>"
    n1w = n1.low if n1 else "</s>"
    pos = i - sent_start
    p1s, n1s = _shape(p1), _shape(n1)
    f = [
        "b", "w=" + w, "l=" + lem, "s3=" + w[-3:], "p1=" + p1w, "n1=" + n1w,
        "p2=" + (norm(p2.low) if p2 else "<s>"), "n2=" + (n2.low if n2 else "</s>"),
        "w|n1=" + w + "|" + n1w, "p1|w=" + p1w + "|" + w, "l|n1s=" + lem + "|" + n1s,
        "l|p1s=" + lem + "|" + p1s, "p1s=" + p1s, "n1s=" + n1s,
        "n2s=" + _shape(n2), "p2s=" + _shape(p2),
        "pos=" + (str(pos) if pos < 3 else "3-6" if pos < 7 else "7-15" if pos < 16 else "16+"),
        "left=" + str(min(sent_end - i, 8)),
        # Generalising past the word form: the stem (an unseen inflection of a known cue), the
        # inflection in its context ("-ed" after a name and before "that"), the stem with what follows.
        "st=" + st, "st|n1s=" + st + "|" + n1s, "sfx|n1s=" + sfx + "|" + n1s, "sfx|p1s=" + sfx + "|" + p1s,
        "sfx|p1s|n1s=" + sfx + "|" + p1s + "|" + n1s,
    ]
    f.extend(_clause_features(tokens, i, sent_start, sent_end, sfx))
    f.extend(_class_features(w, p1, n1, p1s, n1s))
    if quoted[i]:
        f.append("inq")
        f.append("inq|l=" + lem)
    if headline:
        f.append("head")
        f.append("head|l=" + lem)
    if t.word[:1].isupper():
        f.append("cap" if pos else "cap0")
    # Quote geometry and frames in a small window.
    right = tokens[i + 1:min(sent_end, i + 5)]
    left = tokens[max(sent_start, i - 4):i]
    if any(x.low == "that" for x in right):
        f.append("that>")
    if any(x.word in OPEN_QUOTES or x.word in ('"', "''") for x in right):
        f.append("q>")
        f.append("l|q>=" + lem)
    if any(x.word in CLOSE_QUOTES or x.word in ('"', "''") for x in left):
        f.append("<q")
        f.append("l|<q=" + lem)
    if any(x.word == ":" for x in right[:2]):
        f.append(":>")
    if n1 is not None and n1.low == "to":
        f.append("to>|l=" + lem)
    if any(x.word == "," for x in left[-2:]):
        f.append(",<")
    if sent_end - i <= 2:
        f.append("end")
    return f


def _clause_features(tokens: list[Token], i: int, sent_start: int, sent_end: int, sfx: str) -> list[str]:
    """The clause token i closes on its left: how it opens (a name, a pronoun, a determiner: a
    subject) and where (the sentence's start, a comma, a quotation, "that"), how far back; and
    another reporting word just before or after it ("said he wants", "wants to say")."""
    j = i - 1
    lo = max(sent_start, i - 10)
    while j >= lo and tokens[j].word not in _CLAUSE_MARKS and tokens[j].low != "that":
        j -= 1
    opener = tokens[j + 1] if j + 1 < i else None
    bound = "<s>" if j < sent_start else "far" if j < lo else _shape(tokens[j])
    f = ["lc=" + _shape(opener) + "|" + bound, "lcn=" + str(min(i - j - 1, 6)) + "|" + sfx]
    if any(norm(x.low) in CUE_LEMMA for x in tokens[max(sent_start, i - 3):i]):
        f.append("cue<")
    if any(norm(x.low) in CUE_LEMMA for x in tokens[i + 1:min(sent_end, i + 4)]):
        f.append("cue>")
    return f


def _class_features(w: str, p1: Token | None, n1: Token | None, p1s: str, n1s: str) -> list[str]:
    """The word's distributional classes (``clusters.py``: coarse and fine), alone and beside the
    neighbours' shapes, and the coarse classes of the words around it: what a rare or unseen form
    shares with the forms of its class the model has weights for."""
    classes = word_classes()
    c = classes.get(w)
    f = []
    if c is not None:
        c1, c2 = c
        f += ["c1=" + c1, "c2=" + c2, "c1|n1s=" + c1 + "|" + n1s, "c1|p1s=" + c1 + "|" + p1s, "c2|n1s=" + c2 + "|" + n1s]
    for name, tok in (("p1c=", p1), ("n1c=", n1)):
        nc = classes.get(norm(tok.low)) if tok is not None else None
        if nc is not None:
            f.append(name + nc[0])
    return f


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def claim_features(text: str, kind: str, start: int, end: int, cue: str, origin: str,
                   cue_probability: float | None, speaker_kind: str, speaker_text: str,
                   source_span: tuple[int, int] | None = None) -> list[str]:
    """Features of an extracted claim for the confidence model (speaker_kind: person,
    organisation, text or none; source_span: where the speaker is named)."""
    content = text[start:end]
    n = len(re.findall(r"\w+", content))
    cue_lemma = lemma(cue.split()[0].lower()) if cue.strip() else "<none>"
    length = _bucket(n, (3, 6, 12, 25, 50))
    spk_pron = speaker_text.lower() in _PRONOUNS
    f = ["b", "o=" + origin, "k=" + kind, "cue=" + cue_lemma, "len=" + length, "spk=" + speaker_kind,
         "o|len=" + origin + "|" + length, "o|spk=" + origin + "|" + speaker_kind, "o|cue=" + origin + "|" + cue_lemma,
         "k|len=" + kind + "|" + length]
    if spk_pron:
        f.append("spkpron")
    if cue_probability is not None:
        f.append("p=" + str(min(9, int(cue_probability * 10))))
    quote_marks = sum(content.count(q) for q in "“”\"")
    first, last = content[:1], content[-1:]
    f.append("qs=" + ("open" if first in "“\"'" else "none"))
    f.append("qe=" + ("close" if last in "”\"'" else "none"))
    f.append("qn=" + _bucket(quote_marks, (0, 1, 2, 4)))
    f.append("qodd" if quote_marks % 2 else "qeven")
    if first[:1].isupper():
        f.append("cap0")
    sentence_ends = len(re.findall(r"[.!?][”\"]?\s+[“\"]?[A-Z]", content))
    f.append("sents=" + _bucket(sentence_ends, (0, 1, 3)))
    if end < len(text) and text[end:end + 1] not in ".,”\"\n!?;":
        f.append("midsent")
    words = re.findall(r"[\w’']+", content)
    low = [w.lower() for w in words[:40]]
    if any(w in ("i", "we", "my", "our", "me", "us") for w in low):
        f.append("first_person")
    if any(w in ("you", "your") for w in low):
        f.append("second_person")
    if low and low[0] in ("that", "to", "if", "whether", "how", "why", "what"):
        f.append("opens=" + low[0])
    f.append("o|first=" + origin + "|" + _shape(Token(0, 0, words[0], low[0])) if words else "o|first=none")
    if content.rstrip().endswith("?") or content.rstrip("”\"").endswith("?"):
        f.append("question")
    n_spk = len(speaker_text.split())
    f.append("spkw=" + _bucket(n_spk, (0, 1, 2, 3, 5)))
    if speaker_text[:1].isupper() and speaker_kind == "text":
        f.append("spk_cap_text")
    if origin == "model":
        f.append("cuew=" + cue.lower())
    f.extend(_frame_features(text, start, end, origin, source_span))
    return f


def _frame_features(text: str, start: int, end: int, origin: str, source_span: tuple[int, int] | None) -> list[str]:
    """Where a content sits against its frame: the word it follows ("that", "about", "said"), its
    commas (a long run past a comma often overshoots what was said), a clause spliced on after a
    comma, and how far the speaker is named from it."""
    content = text[start:end]
    f = []
    before = re.search(r"([\w’']+|[^\w\s])\s*$", text[max(0, start - 30):start])
    prev = before.group(1).lower() if before else "<none>"
    f.append("prev=" + prev)
    f.append("o|prev=" + origin + "|" + prev)
    f.append("commas=" + _bucket(content.count(","), (0, 1, 2, 4)))
    if re.search(r",\s+(?:which|who|where|when|while|after|before|because|including|as)\b", content):
        f.append("o|spliced=" + origin)
    if source_span is not None:
        s0, s1 = source_span
        side = "before" if s1 <= start else "after" if s0 >= end else "inside"
        gap = start - s1 if side == "before" else s0 - end if side == "after" else 0
        f.append("side=" + side)
        f.append("o|gap=" + origin + "|" + side + _bucket(gap, (3, 12, 30, 80)))
    return f
