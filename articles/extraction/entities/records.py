"""What the entity finder works on: a run of capitalised words, and a person or organisation found."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import PERSON_PARTICLES


@dataclass
class Chunk:
    words: list[str]
    starts: list[int]
    ends: list[int]
    sentence_initial: bool
    the: bool = False  # preceded by "the"
    possessive: bool = False

    @property
    def start(self):
        return self.starts[0]

    @property
    def end(self):
        return self.ends[-1]

    def text(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass
class _Ent:
    kind: str
    name_words: list[str]
    aliases: list[str] = field(default_factory=list)
    gender: str = ""
    org_kind: str = ""
    roles: list[tuple[str, str | None]] = field(default_factory=list)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    short: bool = False  # known only by one name ("Assad")

    @property
    def name(self):
        return " ".join(self.name_words)

    @property
    def first(self):
        return self.name_words[0]

    @property
    def surname(self):
        return self.name_words[-1]

    @property
    def family(self) -> str:
        """Surname with particles: "Le Pen" for "Marine Le Pen"."""
        w = self.name_words
        i = len(w) - 1
        while i > 1 and w[i - 1].lower() in PERSON_PARTICLES:
            i -= 1
        return " ".join(w[i:])
