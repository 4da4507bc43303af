"""Plain dataclasses the extractor returns. Offsets are character offsets into the article text."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Block:
    """A headline, dateline, paragraph, bullet or byline: text[start:end]."""

    kind: str  # "headline" | "dateline" | "source" | "paragraph" | "bullet" | "byline"
    start: int
    end: int


@dataclass
class ParsedArticle:
    text: str  # the whole file text, exactly as decoded: every offset points into it
    title: str
    published: date
    publisher: str | None
    blocks: list[Block]
    source_url: str | None = None  # the "Source:" line, when the file has one

    @property
    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in ("paragraph", "bullet")]


@dataclass
class Mention:
    """One occurrence of an entity in the text."""

    text: str
    start: int
    end: int
    entity: int  # index into Extraction.entities


@dataclass
class Entity:
    kind: str  # "person" | "organisation"
    name: str  # canonical name within the article (longest full form, honorifics stripped)
    aliases: list[str] = field(default_factory=list)  # surface forms seen, as written
    org_kind: str = ""  # for organisations: government, party, news, international, armed_group, ...
    gender: str = ""  # for people: "m", "f" or "" when the text does not say
    roles: list[tuple[str, str | None]] = field(default_factory=list)  # (role, organisation name)


@dataclass
class Statistic:
    value: Decimal
    unit: str  # "percent" | "count" | "currency" | "percentage_points" | "ratio" (value in upper_value)
    text: str
    start: int
    end: int
    currency: str = ""
    qualifier: str = ""  # "less than", "about", "more than", ...
    previous_value: Decimal | None = None
    upper_value: Decimal | None = None  # a range's upper end: "between 0.7 and 0.9"
    measure: str = ""  # what is counted ("Americans", "of national income")
    period: str = ""  # "last year", "in 2015"


@dataclass
class Speaker:
    """Who speaks, as the text names them: an entity, an organisation an anonymous source speaks
    for, or only the words ("the official")."""

    entity: int | None  # index into Extraction.entities
    text: str
    start: int
    end: int
    org: int | None = None  # organisation an anonymous source speaks for

    @property
    def resolved(self):
        return self.entity is not None or self.org is not None


@dataclass
class Claim:
    kind: str  # "quote" | "reported" | "assertion"
    text: str
    start: int
    end: int
    speaker: int | None  # index into Extraction.entities, or None
    speaker_text: str  # the words naming the speaker in the text ("He", "the official")
    cue: str  # "said", "told", "warned", ... ("" when a quote continues with no cue)
    mentions: list[int] = field(default_factory=list)  # entity indexes
    statistics: list[int] = field(default_factory=list)  # indexes into Extraction.statistics
    source: Speaker | None = None  # the speaker as found in the text (speaker is its entity index)
    origin: str = "rule"  # "rule" or "model": which found the cue
    cue_probability: float | None = None  # the cue model's probability, for model-found cues
    confidence: float = 1.0  # calibrated probability that the content is an attribution's content
    cue_start: int | None = None  # offset of the cue word (None: a continuation, a transcript or headline colon)
    frame: str = ""  # the rule frame that placed the content ("quotes_before", "that_clause", "learned", ...)

    def words_source(self, text: str) -> Speaker | None:
        """The source, when it was left as words: no record, not resolved, still the text it names
        (what the passes that name such sources after the resolver start from)."""
        spk = self.source
        if self.speaker is not None or spk is None or spk.resolved or text[spk.start:spk.end] != spk.text:
            return None
        return spk


@dataclass
class Extraction:
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)


@dataclass(frozen=True)
class KnownPerson:
    """A person the database (or reference knowledge) already knows, for role resolution."""

    name: str
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    gender: str = ""
