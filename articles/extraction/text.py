"""Sentences and quotations, with offsets into the article text."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .lexicon import ATTRIBUTION_VERBS

OPEN_QUOTES = "“„«"
CLOSE_QUOTES = "”»"
STRAIGHT = '"'
QUOTE_CHARS = OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset("""mr mrs ms dr prof sir st sen rep gov gen lt col sgt capt adm jr sr inc corp co ltd
no vs etc jan feb mar apr jun jul aug sep sept oct nov dec rev ft mt u.s a.m p.m d.c u.k e.g i.e
approx est fig al""".split())
# Of those, the ones that abbreviate "number": a full stop after them ends the sentence unless a numeral
# follows ("No. 2 in the party" goes on; "No. Trump has money" is the answer "No." and a new sentence).
NUMBERED = frozenset({"no", "fig"})
_NUMERAL_NEXT = re.compile(r"\s*\d")

_VERBS = "|".join(sorted(ATTRIBUTION_VERBS))
# The attribution after a quoted question or exclamation: a name or a noun phrase, or a pronoun
# ('"Who wants that?" she said.').
# A name: a capital, or a brand's lower-case initial with a capital inside ("eBay", "iHeartMedia").
_NAME = r"(?:[A-Z]|[a-z]+[A-Z])[\w.'’\-]*"
_ATTRIBUTION = re.compile(r"\s+(?:(?:" + _NAME + r"|the|a|an|he|she|they|we|it|one)\s+){0,4}(?:" + _VERBS + r")\b"
                          r"|\s+(?:said|says|asked|asks|added|wrote)\s+[A-Z]")
_LOWER_NEXT = re.compile(r"[ \t]+[a-z](?![a-z]*[A-Z])")
# '"Who is next?" eBay said the sign was a joke.': a subject and a verb of saying with a clause of its
# own after it; what it says is that clause, and the quoted question ended its sentence. The subject
# opens with a name, as a new sentence does: a lower-case word goes on with the same one ('"Why not?"
# she said the next day.', '"What a day!" and said that ...').
_OWN_CLAUSE = re.compile(r"\s+" + _NAME + r"\s+(?:(?:" + _NAME + r"|[a-z][\w’'\-]*)\s+){0,3}?(?:said|says|added)\s+"
                         r"(?:that|he|she|it|they|we|there|the|a|an|his|her|its|their)\s+[\w’'\-]+\s+[\w’'\-]")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
# The next sentence may open with a quotation mark, or the two apostrophes some wires use ('').
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+(?:''|[\"“‘'(\[])?[A-Z0-9]|\s*$)|[.!?]+[\"”]+(?=\s)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    start: int  # at the opening mark (or the block start when the quote has none)
    end: int  # after the closing mark (or the block end when the quote runs on)
    opened: bool  # has an opening mark
    closed: bool  # has a closing mark

    def inner(self, text: str) -> tuple[int, int]:
        s, e = self.start, self.end
        while s < e and text[s] in QUOTE_CHARS + "'":
            s += 1
        while e > s and text[e - 1] in QUOTE_CHARS + "'":
            e -= 1
        return s, e


def split_sentences(text: str, start: int, end: int, quotes: list[Quote] | None = None) -> list[Sentence]:
    """Split text[start:end] into sentences. A full stop inside a quotation ends a sentence only
    when the quotation also ends there, so a quote stays whole where the rules need it whole."""
    out = []
    s = start
    quotes = quotes or []
    # find_quotes gives sorted, disjoint quotations (so their ends are sorted too): the only one that
    # can hold a full stop is the last one opening before it. Other lists are searched whole.
    starts = [q.start for q in quotes]
    ordered = all(a.end <= b.start for a, b in zip(quotes, quotes[1:], strict=False))
    for m in _SENTENCE_END.finditer(text, start, end):
        e = m.end()
        before = text[s:m.start()].rsplit(None, 1)
        last = before[-1].lower().rstrip(".") if before else ""
        if m.group().startswith(".") and (last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())
                                          or _INITIALS.fullmatch(last)):
            if not (last in NUMBERED and not _NUMERAL_NEXT.match(text, e, end)):
                continue  # "Mr.", "J." and "G.K." (initials) end no sentence
        if ordered:
            i = bisect_left(starts, m.start()) - 1
            if i >= 0 and e < quotes[i].end - 1:
                continue
        elif any(q.start < m.start() and e < q.end - 1 for q in quotes):
            continue
        # '"Who knows?" Graham asked.': a question or exclamation closing a quote, then its attribution.
        # A lower-case word after it goes on with the same sentence too ('"Why now?" the mayor, Jo
        # Sharp, asked.'): a new sentence opens with a capital.
        if m.group()[-1:] in CLOSE_QUOTES + STRAIGHT and m.group()[:1] in "?!" and (
                _ATTRIBUTION.match(text, e, end) or _LOWER_NEXT.match(text, e, end)) \
                and not _OWN_CLAUSE.match(text, e, end):
            continue
        out.append(Sentence(s, e))
        s = e
        while s < end and text[s].isspace():
            s += 1
    if s < end and text[s:end].strip():
        out.append(Sentence(s, end))
    return out


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotations in one block. Curly marks open and close; a straight mark (or the two
    apostrophes some wires use, '') toggles.

    A quotation left open at the block's end runs to the end: news style opens each
    paragraph of a long quote again and closes only the last.
    """
    quotes: list[Quote] = []
    open_at = None
    i = start
    while i < end:
        ch = text[i]
        width = 1
        if ch == "'" and text[i + 1:i + 2] == "'":
            ch, width = '"', 2
        elif ch not in QUOTE_CHARS:
            i += 1
            continue
        if open_at is None:
            if ch in CLOSE_QUOTES and (i == start or text[i - 1].isspace()) and text[i + 1:i + 2].isalnum():
                open_at = i  # a closing mark typed where an opening one belongs
            elif ch in CLOSE_QUOTES:
                # A closing mark with no opening: the quote began at the block's start.
                if not quotes:
                    quotes.append(Quote(start, i + width, False, True))
            else:
                open_at = i
        elif ch in OPEN_QUOTES:
            open_at, i = _second_open(text, open_at, i, end)
            continue
        else:
            quotes.append(Quote(open_at, i + width, True, True))
            open_at = None
        i += width
    if open_at is not None and end - open_at > 1:
        quotes.append(Quote(open_at, end, True, False))
    return quotes


def _second_open(text: str, open_at: int, i: int, end: int) -> tuple[int, int]:
    """An opening mark at i while a quotation is open since open_at: (where the open quotation starts,
    where to read on). Quoted words inside a straight quotation are part of it; otherwise the first
    mark was stray and the quotation starts at i."""
    inner = _nested_end(text, open_at, i, end)
    return (i, i + 1) if inner < 0 else (open_at, inner)


def _nested_end(text: str, open_at: int, i: int, end: int) -> int:
    """Past the curly quotation opening at i inside the straight one opened at open_at ('"It isn't
    about “equal justice” anymore."': the curly marks quote inside it), or -1 when the straight mark
    was stray: it opens no words, or no curly mark closes the inner one before a straight mark
    (or the block's end) comes."""
    if text[open_at] != STRAIGHT or not text[open_at + 1:open_at + 2].isalnum() \
            or (open_at > 0 and not (text[open_at - 1].isspace() or text[open_at - 1] in "([—–-")):
        return -1
    for k in range(i + 1, end):
        if text[k] in CLOSE_QUOTES:
            return k + 1
        if text[k] in OPEN_QUOTES or text[k] == STRAIGHT or text[k] == "\n":
            return -1
    return -1


WORD = re.compile(r"[\w][\w'’\-.]*[\w]|[\w]")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


# A quote split by its attribution: '...twelve hours," he said. "That is...' or '"We will," she
# added, "win."' (or in single marks, British style: '‘We will,’ she added, ‘win.’', a single mark
# closing before a space or a comma: "O’Neill said" is a name). The attribution words go; the two
# halves join into one statement. Only the marks the claim quotes in split it: a quotation inside
# it quotes someone's dialogue ('“Ann told me, ‘We leave.’ And I said, ‘Go.’”' keeps "And I said").
# A straight mark closes after a word and opens before one: '"To a point," ' is no split quote.
_SPLIT_TEMPLATE = (
    r"(?P<pre>[,.!?;:]?)\s*{close}\s*,?\s*"
    r"(?:(?:he|she|they|we|I|it)|(?:(?:the|a|an)\s+)?[A-Z][\w'’.\-]*(?:\s+[A-Za-z][\w'’.\-]*){{0,3}})\s+"
    r"(?:" + _VERBS + r")(?:\s+(?:[A-Za-z][\w'’\-]*)){{0,3}}?\s*(?P<post>[,.:;]?)\s*{open}\s*")
_SPLIT_QUOTE = {
    "double": re.compile(_SPLIT_TEMPLATE.format(close=r"(?:”|(?<=\S)\")", open=r"(?:“|\"(?=\S))")),
    "single": re.compile(_SPLIT_TEMPLATE.format(close=r"(?:’|(?<=\S)')(?=[\s,])", open=r"(?:‘|'(?=\S))")),
}
_EDGE = "“”\"'‘’ ,;:"
# The complementizer a that-clause's content opens with (claims/content.with_complementizer): "that
# the plan failed" states "the plan failed". Not before a verb: then "that" is a demonstrative, the
# claim's own subject ("that was wrong", "that could help him"), nor before the nouns it determines
# in set phrases ("that kind of talk"); nor before punctuation ("that," "that's").
_COMPLEMENTIZER = re.compile(
    r"^that (?!(?:is|was|were|are|be|been|being|has|have|had|will|would|can|could|may|might|must|should|"
    r"shall|does|did|do|seems?|seemed|means?|meant|makes?|made|remains?|remained|sounds?|sounded|"
    r"happens?|happened|changed|shows?|showed|says|said|needs?|worked|works|goes|went|came|comes|helps?|"
    r"helped|led|leads|gets|got|takes|took|gives|gave|puts|really|kind|sort|way|day|time|one)\b)(?=[\w“\"‘'$£€])")


def statement(text: str) -> str:
    """A claim's words as a statement: a reported that-clause without its complementizer ("that
    the plan works" -> "the plan works"; "that was wrong" keeps its subject). The stored content
    keeps the "that" as the annotations do; check-worthiness and matching read statements, the
    form they were trained and calibrated on."""
    return _COMPLEMENTIZER.sub("", text.lstrip(), count=1)


def reviewed_wording(text: str) -> str:
    """The claim as a fact-check states it: split quotes joined without their "he said",
    no dangling quotation marks at its ends, and every quotation mark inside balanced."""
    t = statement(" ".join(text.split()))

    def join(m: re.Match) -> str:
        pre, post = m["pre"], m["post"]
        if post in (".", ";", ":") or pre in (".", "!", "?"):
            return (pre if pre in ("!", "?", ".") else ".") + " "
        return " "

    t = _SPLIT_QUOTE[_outer_marks(t)].sub(join, t)
    t = t.strip(_EDGE)
    return _balance(t)


def _outer_marks(t: str) -> str:
    """Which marks a claim's words quote in: those it opens with; double when it opens with none."""
    first = t.lstrip(" ,;:")[:2]
    # (two apostrophes: the wires' double mark; words that open with no mark: as before single marks)
    return "single" if first[:1] in ("‘", "'") and first != "''" else "double"


def _balance(t: str) -> str:
    """Close what is opened and open what is closed, for curly and straight quotation marks."""
    opened = 0
    unopened = 0
    for ch in t:
        if ch in OPEN_QUOTES:
            opened += 1
        elif ch in CLOSE_QUOTES:
            if opened:
                opened -= 1
            else:
                unopened += 1
    t = "“" * unopened + t + "”" * opened
    if t.count(STRAIGHT) % 2:
        # an odd straight quote: one that opens after a space closes at the end, else it closed a start
        i = t.rfind(STRAIGHT)
        t = t + STRAIGHT if i == 0 or t[i - 1] == " " else STRAIGHT + t
    return t
