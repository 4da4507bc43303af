"""An article read once: its body blocks, their quotations and sentences, and tokens on demand.
Every finder works from the same Document, so nothing is split or scanned twice."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from . import marks
from .text import Quote, Sentence, find_quotes, split_sentences
from .tokens import Token, tokenize
from .types import Block


@dataclass
class Document:
    text: str  # as the rules read it: single quotation marks as double (marks.view); same offsets
    body: list[Block]  # paragraphs and bullets
    headline: Block | None
    quotes: list[list[Quote]]  # per body block
    sentences: list[list[Sentence]]  # per body block
    original: str = ""  # the article text as written: stored strings are sliced from it
    _tokens: dict[int, list[Token]] = field(default_factory=dict, repr=False)

    def tokens(self, i: int) -> list[Token]:
        if i not in self._tokens:
            b = self.body[i]
            self._tokens[i] = tokenize(self.text, b.start, b.end)
        return self._tokens[i]

    @cached_property
    def name_starts(self) -> set[int]:
        """Offsets where a sentence's first word stands (after an opening quotation mark too):
        a capitalised word there may be no name."""
        starts: set[int] = set()
        for sents in self.sentences:
            for s in sents:
                starts.add(s.start)
                if self.text[s.start:s.start + 1] in "“\"‘'":
                    starts.add(s.start + 1)
        return starts


def read(text: str, blocks: list[Block]) -> Document:
    original, text = text, marks.view(text, blocks)
    body = [b for b in blocks if b.kind in ("paragraph", "bullet")]
    quotes = [find_quotes(text, b.start, b.end) for b in body]
    sentences = [split_sentences(text, b.start, b.end, qs) for b, qs in zip(body, quotes, strict=True)]
    headline = next((b for b in blocks if b.kind == "headline"), None)
    return Document(text, body, headline, quotes, sentences, original)
