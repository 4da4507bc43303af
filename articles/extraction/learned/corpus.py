"""Reading an annotated corpus (seed-format articles + gold JSON lines with character spans)
into cue-model examples. Used by training and by its tests; the extractor never imports it."""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import marks
from ..seedformat import SeedFormatError, parse
from ..text import find_quotes, split_sentences
from ..tokens import TOKEN, Token, in_quotes, sentence_ranges, tokenize
from ..types import ParsedArticle
from .features import cue_features


@dataclass
class AnnotatedArticle:
    """A corpus article with its gold attributions (what training reads; the extractor's own
    working copy of an article is extraction.document.Document)."""
    name: str
    article: ParsedArticle
    gold: list[dict] = field(default_factory=list)


def read_corpus(root: Path) -> list[AnnotatedArticle]:
    """``root/articles/*.txt`` and ``root/gold.jsonl``; unreadable articles are skipped."""
    gold: dict[str, list[dict]] = {}
    with open(root / "gold.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                gold.setdefault(g["doc"], []).append(g)
    docs = []
    for path in sorted((root / "articles").glob("*.txt")):
        try:
            article = parse(path.read_text(encoding="utf-8"))
        except (SeedFormatError, UnicodeDecodeError):
            continue
        docs.append(AnnotatedArticle(path.stem, article, gold.get(path.stem, [])))
    return docs


# Words that open a cue span without being its head: "has repeatedly cited", "could have said", "to
# endorse", "the idea", "now says". Contractions are read by their parts (see _not_head).
NOT_HEADS = frozenset("""has have had having could would will may might should can must shall is was were are
be been being am do does did also then not never n't repeatedly previously already once just even still often
again later first publicly privately reportedly recently openly long the a an to now so""".split())
# A contraction of a pronoun and an auxiliary ("he's", "they've", "I'm", "that'll") opens a cue span
# without being its head, whichever apostrophe it is written with; so does a negated auxiliary ("didn't").
_PRONOUN_BASES = frozenset("i you he she it we they who that there what this".split())
_AUX_ENDINGS = frozenset("s ve d ll re m".split())


def _not_head(low: str) -> bool:
    low = low.replace("\u2019", "'")
    if low in NOT_HEADS or (low.endswith("ly") and len(low) > 4):
        return True
    if "'" in low:
        base, _, ending = low.partition("'")
        return low.endswith("n't") or (base in _PRONOUN_BASES and ending in _AUX_ENDINGS)
    return False


def cue_head(text: str, start: int, end: int) -> int:
    """Offset of a cue span's head word: its first word that is not an auxiliary, adverb, article or
    pronoun contraction."""
    first = None
    for m in TOKEN.finditer(text, start, end):
        low = m.group().lower()
        if not any(c.isalpha() for c in low):
            continue
        if first is None:
            first = m.start()
        if not _not_head(low):
            return m.start()
    return first if first is not None else start


def cue_labels(doc: AnnotatedArticle) -> dict[int, int]:
    """Character offset of each gold cue's head word -> class (1 content after, 2 before)."""
    labels: dict[int, int] = {}
    text = doc.article.text
    for g in doc.gold:
        cues, contents = g.get("cue_spans") or [], g.get("content_spans") or []
        if not cues or not contents:
            continue
        cs, ce = cues[0]
        labels[cue_head(text, cs, ce)] = 1 if contents[0][0] >= ce else 2
    return labels


def block_units(article: ParsedArticle):
    """(tokens, sentence token ranges, quoted flags, is_headline) for each headline/body block,
    read as the pipeline reads them (single quotation marks as double: marks.view)."""
    text = marks.view(article.text, article.blocks)
    for b in article.blocks:
        if b.kind not in ("headline", "paragraph", "bullet"):
            continue
        quotes = find_quotes(text, b.start, b.end)
        tokens = tokenize(text, b.start, b.end)
        quoted = in_quotes(tokens, quotes)
        ranges = sentence_ranges(tokens, split_sentences(text, b.start, b.end, quotes))
        yield tokens, ranges, quoted, b.kind == "headline"


def examples(doc: AnnotatedArticle, candidate: Callable[[str], bool] | None):
    """(features, label, token) for every candidate token of a document (every token when
    candidate is None; else the tokens whose lower-cased form it accepts: CueModel.is_candidate)."""
    labels = cue_labels(doc)
    for tokens, ranges, quoted, head in block_units(doc.article):
        for s, e in ranges:
            for i in range(s, e):
                t: Token = tokens[i]
                if candidate is not None and not candidate(t.low):
                    continue
                label = labels.get(t.start, 0)
                if not label:
                    # A cue span may start inside a token's left edge (a quote mark or space).
                    label = next((v for k, v in labels.items() if t.start <= k < t.end), 0)
                yield cue_features(tokens, i, s, e, quoted, head), label, t


def _bag(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def content_correct(content: str, gold_contents: list[str]) -> bool:
    """Whether a predicted content is mostly annotated content: >= 60% of its words inside one
    gold content, or inside the gold contents it holds at least half of (the PolNeAR scoring rule)."""
    pb = _bag(content)
    n = sum(pb.values())
    if not n:
        return False
    bags = [_bag(g) for g in gold_contents]
    if any(sum((pb & gb).values()) / n >= 0.6 for gb in bags):
        return True
    inside: Counter[str] = Counter()
    for gb in bags:
        m = sum(gb.values())
        if m and sum((gb & pb).values()) / m >= 0.5:
            inside += gb
    return sum((pb & inside).values()) / n >= 0.6
