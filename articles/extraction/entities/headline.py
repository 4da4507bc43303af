"""Names in a headline: the names the article's body gives its people and organisations, found again
in the headline ("Bill Clinton Calls Obamacare ...", "Trump Says He ...").

A headline in title case capitalises every word, so capitalisation cannot tell where a name stops
("Bill Clinton Calls Obamacare" is one capitalised run). The body can: a headline's name is one of
the names the body gave an entity (its full name, an alias, or a person's surname), matched as the
longest run of headline words that is one. A name the body never gives is left alone.
"""
from __future__ import annotations

import re

from ..lexicon import CAP_STOPWORDS, PERSON_PARTICLES
from ..types import Block
from .records import _Ent

# A headline word: letters, an apostrophe or a hyphen inside; a possessive after it is not the name's.
_HEAD_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][\w\u00C0-\u024F]*(?:[\-'’.][\w\u00C0-\u024F]+)*")
_POSSESSIVE = re.compile(r"[’']s$")
_LONGEST = 4  # words: the longest name looked for


def _key(words) -> tuple[str, ...]:
    return tuple(_POSSESSIVE.sub("", w).replace(".", "").lower() for w in words)


class Headline:
    """The headline side of the entity finder (a mixin of EntityFinder: reads self.people, self.orgs,
    self.mentions)."""

    def _headline_index(self) -> dict[tuple[str, ...], _Ent]:
        """Name words (lower case) -> the entity the body gives that name: full names and aliases of
        every entity named in the body, and people's surnames (a family name of several words too,
        "De Blasio"); where two share a surname, the one the body names most often."""
        full: dict[tuple[str, ...], _Ent] = {}
        tails: dict[tuple[str, ...], _Ent] = {}
        for e in self.people + self.orgs:
            if not e.mentions:
                continue
            for name in (e.name, *e.aliases):
                words = name.split()
                k = _key(words)
                if k and (k not in full or len(e.mentions) > len(full[k].mentions)):
                    full[k] = e
            if e.kind == "person":
                words = e.name_words
                for n in range(1, len(words)):
                    tail = words[-n:]
                    if n == 1 and tail[0] in CAP_STOPWORDS:
                        continue
                    if n > 1 and tail[0].lower() not in PERSON_PARTICLES:
                        continue  # "Clinton" and "de Blasio" are family names; "Rodham Clinton" is not asked for
                    k = _key(tail)
                    if k not in tails or len(e.mentions) > len(tails[k].mentions):
                        tails[k] = e
        return {**tails, **full}

    def _headline(self, block: Block | None) -> None:
        """Mentions for the names the body gives, found in the headline (longest first)."""
        if block is None or not (self.people or self.orgs):
            return
        index = self._headline_index()
        text = self.text
        toks = [(m.group(), m.start(), m.end()) for m in _HEAD_WORD.finditer(text, block.start, block.end)]
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(_LONGEST, len(toks) - i), 0, -1):
                run = toks[i:i + n]
                # One name: capitalised words, one space apart.
                if not all(w[:1].isupper() for w, _, _ in run) or any(
                        text[run[k][2]:run[k + 1][1]] != " " for k in range(n - 1)):
                    continue
                ent = index.get(_key(w for w, _, _ in run))
                if ent is not None:
                    hit = (n, ent)
                    break
            if hit is None:
                i += 1
                continue
            n, ent = hit
            s = toks[i][1]
            last = toks[i + n - 1]
            e = last[1] + len(_POSSESSIVE.sub("", last[0]))
            ent.mentions.append((s, e, text[s:e]))
            self.mentions.append((s, e, text[s:e], ent))
            i += n
