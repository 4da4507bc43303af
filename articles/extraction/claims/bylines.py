"""Bylines: the names of the people who wrote an article or a live blog's post ("Posted by Lena Ortiz,
March 2, 2019 2:40PM", "By Jo Hale and Sam Reyes", "Lena Ortiz reports from Kyiv", an author line "Lena
Ortiz | Staff Writer"). A writer's name in a byline says nothing; the claims around it are no words of
hers, so the source resolver takes no candidate from a byline's mention (``resolver.Candidates``).
"""
from __future__ import annotations

import re

from ..lexicon import DAY_NAMES, MONTH_NAMES

# One name: one to four capitalised words, with the particles of names between them ("Jo de la Cruz").
_NAME = r"[A-Z][\w.’'-]*(?:[ \t]+(?:(?:de|da|del|della|der|van|von|la|le|bin|al|el|di|du)[ \t]+)*[A-Z][\w.’'-]*){0,3}"
# Several names: "Jo Hale, Sam Reyes and Ana Cruz", "Jo Hale & Sam Reyes".
_NAMES = rf"{_NAME}(?:[ \t]*,[ \t]*{_NAME})*(?:,?[ \t]+(?:and|&)[ \t]+{_NAME})?"
# What ends a byline's names: the line's end, a comma, a bar or dash, a date or clock time, "for
# The Times", "in Kyiv", "Updated".
_END = r"(?=\s*(?:$|\n|,|\||[-–—]|\d|for\s|in\s|at\s|Updated\b|UPDATED\b))"
_BY = re.compile(r"(?:^|(?<=\n)|(?<=\|))[ \t]*[-–—]?[ \t]*(?:By|BY|Posted\s+by|Written\s+by|Story\s+by|Text\s+by|"
                 rf"Words\s+by|Reporting\s+by|Reported\s+by|Additional\s+reporting\s+by)"
                 rf"\s+(?P<names>{_NAMES}){_END}")
# "Lena Ortiz reports from Kyiv." standing alone on its line: the correspondent, not a source ("Jo Hale
# reports:" before a quotation is one).
_REPORTS = re.compile(rf"(?m)^[ \t]*(?P<names>{_NAMES})\s+reports(?:\s+from\s+[A-Z][\w.’' ,-]*)?\.?[ \t]*$")
# An author line: a name alone on its line before a bar or comma and a date or a writer's title, and
# little more ("Lena Ortiz | Staff Writer", "Lena Ortiz, March 2, 2019 2:40PM"; not "Jo Hale, 58, a
# retiree, said": an age is no date).
_MONTH = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))
_AUTHOR = re.compile(rf"(?m)^[ \t]*(?P<names>{_NAMES})[ \t]*(?:\||,)[ \t]*(?:(?i:{_MONTH})\.?[ \t]+\d|"
                     r"\d{1,2}/\d{1,2}/\d{2,4}|(?:Senior\s+|Chief\s+|Staff\s+|Political\s+|Special\s+)?"
                     r"(?:Writer|Reporter|Correspondent|Editor|Contributor|Columnist)\b)[^\n]{0,40}$")
_NOT_NAMES = frozenset(w.lower() for w in (*DAY_NAMES, *MONTH_NAMES)) | {"the", "a", "an", "this", "that", "then",
                                                                          "now", "today", "tonight"}


def byline_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the names in the article's bylines, in order. Not a time ("By Monday morning", "By
    July 2013", "By Monday, officials said"), nor a possessor ("By Sanders's own argument": no byline's end
    follows), nor a sentence's opening phrase (`_runs_on`: "By Christmas, the mayor had left")."""
    spans = []
    for pattern in (_BY, _REPORTS, _AUTHOR):
        for m in pattern.finditer(text):
            names = m.group("names")
            if re.match(r"[\w’'-]*", names).group().lower() in _NOT_NAMES or (pattern is _BY and _runs_on(text, m.end("names"))):
                continue
            spans.append((m.start("names"), m.end("names")))
    return sorted(spans)


# What may follow a writer's name on a byline's line in lower case: small words and the writer's title.
_BYLINE_LOWER = frozenset("a an the of for at in and with from staff writer reporter correspondent editor "
                          "contributor columnist senior chief political special contributing".split())
# Where a byline's words end: a date or time, a bar, a dash, a parenthesis (a glued dateline's "(AP) —").
_BYLINE_STOP = re.compile(r"[\d|(\n–—]|\s-\s|\bUpdated\b|\bUPDATED\b")


def _runs_on(text: str, end: int) -> bool:
    """Whether the line goes on as a sentence after the names ending at `end` ("By Christmas, officials said
    ...", "By Christmas, Jo Hale, the mayor, had left"): one of its first words before a date, a bar or a
    dash is in lower case and no writer's title ("By Jo Hale, staff writer", "By Jo Hale for The Times")."""
    stop = _BYLINE_STOP.search(text, end, end + 200)
    words = re.findall(r"[^\W\d_][\w’'.-]*", text[end:stop.start() if stop else end + 200])[:4]
    return any(w[0].islower() and w.lower() not in _BYLINE_LOWER for w in words)


def in_byline(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)
