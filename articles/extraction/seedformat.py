"""The seed file format.

Line 1 is the headline; the next non-blank line is the date (``14 November 2016``,
``November 14, 2016`` or ``2016-11-14``); paragraphs are separated by blank lines; bullet lines
start with ``•``, ``-`` or ``*`` (usually indented) under a paragraph ending in ``:``; the last line
``- Publisher Name`` names the publisher; an optional ``Source: https://...`` line right after the
date gives the article's address. The text is kept exactly as decoded, so every offset the
extractor reports indexes into it.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .types import Block, ParsedArticle


class SeedFormatError(ValueError):
    """The file is not a usable seed article; the message says why, in one line."""


MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DATE_PATTERNS = [
    re.compile(rf"^(?:[A-Za-z]+,?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^(?:[A-Za-z]+,?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$"),
    re.compile(r"^(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})$"),
]
BULLET = re.compile(r"^[ \t]*([•*\-‣◦·])[ \t]+(?=\S)")
PUBLISHER = re.compile(r"^-[ \t]+(?P<name>\S.*?)\s*$")
# Optional, right after the date line: where the article was published ("Source: https://...").
SOURCE = re.compile(r"^[ \t]*Source:[ \t]*(?P<url>\S+)[ \t]*$", re.IGNORECASE)
MAX_SOURCE_URL = 1000


def looks_like_date(line: str) -> bool:
    return any(p.match(line.strip()) for p in DATE_PATTERNS)


# Plausible publication dates: news from 1800 on, and not more than a year ahead (embargoes, time
# zones). A date outside is a typo or hostile input, and far dates break date arithmetic downstream.
EARLIEST_DATE = date(1800, 1, 1)
LATEST_DAYS_AHEAD = 366
MAX_TITLE = 500  # characters, as stored
MAX_PUBLISHER = 200


def parse_date(line: str) -> date:
    """Parse a date line; raise SeedFormatError when it is no date, an impossible one, or one
    outside the plausible range (1800-01-01 to a year from today)."""
    s = line.strip()
    for pattern in DATE_PATTERNS:
        m = pattern.match(s)
        if not m:
            continue
        if m.groupdict().get("mnum"):
            month = int(m["mnum"])
        else:
            month = MONTHS.get(m["month"].lower())
            if month is None:
                raise SeedFormatError("unknown month in the date line")
        try:
            d = date(int(m["year"]), month, int(m["day"]))
        except ValueError as exc:
            raise SeedFormatError(f"impossible date ({exc})") from None
        latest = date.today() + timedelta(days=LATEST_DAYS_AHEAD)
        if not EARLIEST_DATE <= d <= latest:
            raise SeedFormatError(f"implausible date {d.isoformat()}: publication dates must lie between "
                                  f"{EARLIEST_DATE.isoformat()} and {latest.isoformat()}")
        return d
    raise SeedFormatError("missing date: expected a date line after the headline")


def decode(data: bytes) -> str:
    """Bytes to text, refusing empty, binary and non-UTF-8 input with a clear reason."""
    if not data.strip():
        raise SeedFormatError("empty file")
    if b"\x00" in data:
        raise SeedFormatError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SeedFormatError(f"not UTF-8 (invalid byte at offset {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark is encoding, not content
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(text) // 100):
        raise SeedFormatError(f"binary file ({controls} control characters)")
    return text


def _lines(text: str):
    """(start, end, line) for each line, end excluding the line break."""
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        yield pos, pos + len(line), line
        pos += len(raw)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse(text: str) -> ParsedArticle:
    lines = [ln for ln in _lines(text)]
    nonblank = [ln for ln in lines if ln[2].strip()]
    if not nonblank:
        raise SeedFormatError("empty file")
    h_start, h_end, headline = nonblank[0]
    if lines[0][2].strip() == "" or looks_like_date(headline):
        raise SeedFormatError("no headline: the first line must be the article's headline")
    if len(nonblank) < 2:
        raise SeedFormatError("missing date: the file has only a headline")
    d_start, d_end, dateline = nonblank[1]
    try:
        published = parse_date(dateline)
    except SeedFormatError as exc:  # where, not what: error lines never quote the file
        raise SeedFormatError(f"{exc} (line {text.count(chr(10), 0, d_start) + 1})") from None

    blocks: list[Block] = [Block("headline", *_strip_span(text, h_start, h_end)),
                           Block("dateline", *_strip_span(text, d_start, d_end))]
    body_lines = [ln for ln in lines if ln[0] > d_start]
    source_url = None
    first = next((i for i, ln in enumerate(body_lines) if ln[2].strip()), None)
    if first is not None and (m := SOURCE.match(body_lines[first][2])):
        source_url = _source_url(m["url"])
        blocks.append(Block("source", *_strip_span(text, body_lines[first][0], body_lines[first][1])))
        body_lines = body_lines[first + 1:]
    publisher = None
    # The byline: the last non-blank line "- Name", standing alone after a blank line.
    tail = [i for i, ln in enumerate(body_lines) if ln[2].strip()]
    if tail:
        i = tail[-1]
        m = PUBLISHER.match(body_lines[i][2])
        alone = i == 0 or not body_lines[i - 1][2].strip()
        if m and alone:
            publisher = m["name"]
            s, e = _strip_span(text, body_lines[i][0], body_lines[i][1])
            byline = Block("byline", s, e)
            body_lines = body_lines[:i]
        else:
            byline = None
    else:
        byline = None

    para: list[tuple[int, int, str]] = []

    def flush():
        if para:
            s, e = _strip_span(text, para[0][0], para[-1][1])
            if e > s:
                blocks.append(Block("paragraph", s, e))
            para.clear()

    for start, end, line in body_lines:
        if not line.strip():
            flush()
            continue
        m = BULLET.match(line)
        if m:
            flush()
            s, e = _strip_span(text, start + m.end(), end)
            blocks.append(Block("bullet", s, e))
        else:
            para.append((start, end, line))
    flush()
    if byline:
        blocks.append(byline)
    if not any(b.kind in ("paragraph", "bullet") for b in blocks):
        raise SeedFormatError("no body: the file has a headline and a date but no paragraphs")
    title = " ".join(text[blocks[0].start:blocks[0].end].split())
    if len(title) > MAX_TITLE:
        raise SeedFormatError(f"headline too long ({len(title)} characters; the limit is {MAX_TITLE})")
    if publisher is not None and len(publisher) > MAX_PUBLISHER:
        raise SeedFormatError(f"publisher name too long ({len(publisher)} characters; the limit is {MAX_PUBLISHER})")
    return ParsedArticle(text=text, title=title, published=published, publisher=publisher, blocks=blocks,
                         source_url=source_url)


def _source_url(url: str) -> str:
    if not re.match(r"^https?://[^\s/]+\.[^\s/]+", url):
        raise SeedFormatError("the Source line needs an http(s) address")
    if len(url) > MAX_SOURCE_URL:
        raise SeedFormatError(f"source URL too long ({len(url)} characters; the limit is {MAX_SOURCE_URL})")
    return url


def parse_bytes(data: bytes) -> ParsedArticle:
    return parse(decode(data))


def parse_iso(value: str) -> date:
    return datetime.strptime(value, "%Y-%m-%d").date()
