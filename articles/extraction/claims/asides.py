"""Asides between a subject and its cue (stage 3, sources): where a comma-delimited aside opens before
the cue ("Smith, 54, said", "The ministry, under pressure from unions, said"), a town's region closing
the aside of the town ("Jane Doe of Berea, Ohio, said", "Maria Roe, 29, of Huntsville, Ala., says")."""
from __future__ import annotations

import re

from ..lexicon import AP_STATES, PLACES, STATE_CODES, STATE_NAMES
from ..text import QUOTE_CHARS, Sentence
from .state import ClaimState

# What opens an aside between a subject and its cue: a relative pronoun, a determiner or number (an
# apposition, an age), a participle, a preposition, a sentence adverb ("The mayor, however, said").
_ASIDE_OPENER = re.compile(r",\s*(?:who|whom|whose|which|where|one|a|an|the|his|her|their|its|now|then|once|still|"
                           r"however|though|meanwhile|too|instead|moreover|furthermore|nevertheless|nonetheless|indeed|"
                           r"likewise|similarly|therefore|thus|again|separately|of\s+course|also|\d[\d,.]*|[a-z]+ing|[a-z]+ed|under|in|at|on|after|with|like|as|along|together|"
                           r"for|from|despite|amid|among|by|known|seen|long)\b")
# An aside naming a town, which its region closes: "of Huntsville" (the region after it).
_TOWN_ASIDE_OPENER = re.compile(r",\s*(?:of|from|in)\s+[A-Z]")
_ASIDE_LONGEST = 240  # characters from an aside's opening comma to the cue: a bounded search
# A town's region between commas: a state's name, the AP's abbreviation or its postal code (", Ohio,"),
# or a country or region the lexicon knows ("Manchester, England,", "Lyon, France,": `_region`).
_REGION = re.compile(r",\s*(?:" + "|".join(re.escape(s) for s in sorted(STATE_NAMES | AP_STATES | STATE_CODES, key=len, reverse=True))
                     + r")\s*,")
_PLACE_REGION = re.compile(r",\s*([A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})\s*,")
_TOWN_END = re.compile(r"[A-Z][\w.'’\-]*$")


def aside_starts(st: ClaimState, sent: Sentence, pos: int) -> list[int]:
    """Where a comma-delimited aside ending right before pos opens, innermost first (at most two, the
    outer one only around an inner one): a relative clause, an apposition, an age, a participle or
    prepositional phrase between a subject and its cue. A town's region ("..., Ohio,") is no aside of
    its own: the aside is the town's ("Maria Roe, 29, of Huntsville, Ala., says" opens at ", of"), or,
    with no comma before the town, the region's comma ends the subject ("Jane Doe of Berea, Ohio, said"),
    also before a further aside ("Lisa Park of Columbus, Ga., who runs a bakery, said")."""
    text = st.text
    end = st.rstrip_end(sent.start, pos)
    if end <= sent.start or text[end - 1] != ",":
        return []
    out: list[int] = []
    e = end - 1
    region = -1
    for _ in range(3):
        comma = text.rfind(",", max(sent.start, end - _ASIDE_LONGEST), e)
        if comma <= sent.start or any(ch in text[comma:end] for ch in QUOTE_CHARS):
            break
        if region < 0 and _region(text, comma, e + 1) and _TOWN_END.search(text, max(sent.start, comma - 40), comma):
            region, e = comma, comma  # the town's region: the aside opens before the town
            if out:
                out.append(comma)  # "Lisa Park of Columbus, Ga., who runs a bakery, said": the subject ends at the town
            continue
        if not (_ASIDE_OPENER.match(text, comma, end) or (e == region and _TOWN_ASIDE_OPENER.match(text, comma, end))):
            break  # "..., Gov. John Kasich (R-OH), said": the name itself, no aside
        out.append(comma)
        e = comma
        if len(out) == 2 + (region >= 0 and region in out):
            break
    return out or ([region] if region >= 0 else [])


def region_closes(st: ClaimState, sent: Sentence, pos: int) -> bool:
    """Whether the words before pos end with a town's region between commas ("Residents of Flint, Mich.,
    said", "The shop in Dayton, Ohio, said"): the comma closes the town's aside, no clause before an
    inverted attribution."""
    end = st.rstrip_end(sent.start, pos)
    if end <= sent.start or st.text[end - 1] != ",":
        return False
    comma = st.text.rfind(",", max(sent.start, end - 40), end - 1)
    town = _TOWN_END.search(st.text, max(sent.start, comma - 40), comma) if comma > sent.start else None
    # (a state before it is a list of states: "Sales rose in Ohio, Indiana, said the report")
    return town is not None and town.group() not in STATE_NAMES and _region(st.text, comma, end)


def _region(text: str, comma: int, end: int) -> bool:
    """Whether text[comma:end] is a town's region between commas: a US state's name, abbreviation or
    postal code, or a place the lexicon knows ("England", "France")."""
    if _REGION.fullmatch(text, comma, end):
        return True
    m = _PLACE_REGION.fullmatch(text, comma, end)
    return m is not None and m.group(1).lower() in PLACES
