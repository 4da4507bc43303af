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


# Punctuation and quotation marks stand for themselves; word classes by the first list that has the word.
_MARK_SHAPES = {**{q: "<oq>" for q in OPEN_QUOTES}, **{q: "<cq>" for q in CLOSE_QUOTES}, '"': "<q>", "''": "<q>",
                **{p: p for p in ",;:.!?—–-()"}}
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
    w = t.low
    lem = lemma(w)
    p1 = tokens[i - 1] if i - 1 >= sent_start else None
    p2 = tokens[i - 2] if i - 2 >= sent_start else None
    n1 = tokens[i + 1] if i + 1 < sent_end else None
    n2 = tokens[i + 2] if i + 2 < sent_end else None
    p1w = p1.low if p1 else "<s>"
    n1w = n1.low if n1 else "</s>"
    pos = i - sent_start
    f = [
        "b", "w=" + w, "l=" + lem, "s3=" + w[-3:], "p1=" + p1w, "n1=" + n1w,
        "p2=" + (p2.low if p2 else "<s>"), "n2=" + (n2.low if n2 else "</s>"),
        "w|n1=" + w + "|" + n1w, "p1|w=" + p1w + "|" + w, "l|n1s=" + lem + "|" + _shape(n1),
        "l|p1s=" + lem + "|" + _shape(p1), "p1s=" + _shape(p1), "n1s=" + _shape(n1),
        "n2s=" + _shape(n2), "p2s=" + _shape(p2),
        "pos=" + (str(pos) if pos < 3 else "3-6" if pos < 7 else "7-15" if pos < 16 else "16+"),
        "left=" + str(min(sent_end - i, 8)),
    ]
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
