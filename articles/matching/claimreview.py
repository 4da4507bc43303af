"""schema.org ClaimReview in, plain records out: the parsing rules for every input format.

Formats: a JSON file holding one object or a list (or an ``@graph``), JSON lines, HTML pages with
embedded JSON-LD (read with ``extruct``, as crawlers do), and the Google Fact Check Tools
``claims:search`` response (``{"claims": [{"text", "claimant", "claimReview": [...]}]}``).

Every file and every record is a unit of failure: whatever a file holds (broken JSON-LD, JSON
nested a thousand deep, a 5,000-digit number, a value of the wrong type, NaN, a NUL character, an
unpaired surrogate) ends as a BadRecord naming the record or the file, never as an exception
that stops the run; a record that is accepted can be stored as it is on SQLite and PostgreSQL.
JSON lines are read a line at a time (memory stays flat whatever the file's size).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from .text import clean_reviewed


class BadRecord(ValueError):
    """A record that cannot become a fact-check; the message says why."""


@dataclass
class Review:
    url: str
    claim_reviewed: str
    rating: str = ""
    publisher: str = ""
    title: str = ""
    language: str = ""
    date_published: date | None = None
    claimant: str = ""
    raw: dict = field(default_factory=dict)


def _name(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        return str(value.get("name") or value.get("site") or value.get("url") or "").strip()
    return str(value or "").strip()


def _date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _is_review(obj) -> bool:
    t = obj.get("@type") if isinstance(obj, dict) else None
    return t == "ClaimReview" or (isinstance(t, list) and "ClaimReview" in t)


MAX_DEPTH = 32  # nesting inside one record (a ClaimReview is a handful of levels deep)
_NUL = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")  # an escaped NUL in json.dumps output


def storable(obj: dict) -> None:
    """BadRecord unless ``obj`` can be stored as JSON on SQLite and PostgreSQL as it is."""
    stack = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadRecord(f"nested more than {MAX_DEPTH} levels deep")
        children = value.values() if isinstance(value, dict) else value
        stack.extend((v, depth + 1) for v in children if isinstance(v, dict | list))
    try:
        text = json.dumps(obj, ensure_ascii=False, allow_nan=False)
    except ValueError:
        raise BadRecord("holds NaN or Infinity, which JSON does not allow") from None
    if "\\u0000" in text and _NUL.search(text):
        raise BadRecord("holds a NUL character (\\u0000), which PostgreSQL cannot store")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadRecord("holds an unpaired surrogate (not valid Unicode)") from None


def review(obj: dict) -> Review:
    """One ClaimReview object as a record, or BadRecord naming what is missing or wrong."""
    if not isinstance(obj, dict):
        raise BadRecord(f"expected a JSON object, got {type(obj).__name__}")
    storable(obj)
    url = str(obj.get("url") or "").strip()
    if not url.startswith(("http://", "https://")):
        raise BadRecord("no url (http or https) — a fact-check is identified by its url")
    claim = clean_reviewed(str(obj.get("claimReviewed") or ""))
    if not claim:
        raise BadRecord(f"{url}: no claimReviewed")
    rating = obj.get("reviewRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    rating_text = ""
    if isinstance(rating, dict):
        rating_text = str(rating.get("alternateName") or rating.get("name") or rating.get("ratingValue") or "")
    item = obj.get("itemReviewed") if isinstance(obj.get("itemReviewed"), dict) else {}
    return Review(
        url=url[:1000], claim_reviewed=claim, rating=rating_text.strip()[:200],
        publisher=_name(obj.get("author") or obj.get("publisher"))[:200],
        title=str(obj.get("name") or obj.get("headline") or "").strip()[:500],
        language=_name(obj.get("inLanguage"))[:20], date_published=_date(obj.get("datePublished")),
        claimant=_name(item.get("author"))[:200], raw=obj,
    )


def _google(obj: dict) -> Iterator:
    """Google Fact Check Tools claims:search → ClaimReview-shaped objects (anything else as it is,
    for review() to name)."""
    for claim in obj["claims"]:
        if not isinstance(claim, dict):
            yield claim
            continue
        reviews = claim.get("claimReview") or []
        for r in reviews if isinstance(reviews, list) else [reviews]:
            if not isinstance(r, dict):
                yield r
                continue
            yield {
                "@context": "https://schema.org", "@type": "ClaimReview", "url": r.get("url"),
                "claimReviewed": claim.get("text"), "name": r.get("title", ""),
                "author": r.get("publisher") or {}, "datePublished": r.get("reviewDate"),
                "inLanguage": r.get("languageCode", ""),
                "reviewRating": {"@type": "Rating", "alternateName": r.get("textualRating", "")},
                "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": claim.get("claimant", "")},
                                 "datePublished": claim.get("claimDate")},
            }


def objects(value) -> Iterator:
    """Every ClaimReview-like object in a decoded JSON value, in order (any nesting: no recursion)."""
    stack = [iter([value])]
    while stack:
        v = next(stack[-1], _END)
        if v is _END:
            stack.pop()
        elif isinstance(v, list):
            stack.append(iter(v))
        elif isinstance(v, dict) and isinstance(v.get("claims"), list):
            stack.append(_google(v))
        elif isinstance(v, dict) and "@graph" in v:
            stack.append(iter([v["@graph"]]))
        else:
            yield v  # review() names a wrong type


_END = object()


def loads(text: str | bytes):
    """json.loads, with every way it can fail as a BadRecord saying why (no content quoted)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"not JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise BadRecord("not readable: JSON nested too deeply") from None
    except UnicodeDecodeError:
        raise BadRecord("not UTF-8") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):
            raise BadRecord("not readable: a number of more than 4,300 digits") from None
        raise BadRecord(f"not readable: {str(exc).split(':')[0]}") from None


Item = tuple[str, "Review | BadRecord"]


def read(path: Path, max_bytes: int | None = None) -> Iterator[Item]:
    """(where, record or error) for each record of a file; an unreadable file raises BadRecord."""
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed by read_stream's generator
    except OSError as exc:
        raise BadRecord(f"cannot read: {exc.strerror or type(exc).__name__}") from None
    return read_stream(f, str(path), max_bytes)


def read_stream(f: BinaryIO, name: str, max_bytes: int | None = None) -> Iterator[Item]:
    """Records of an open, seekable binary file (closed at the end); ``max_bytes`` bounds a JSON or
    HTML file, which is read whole, and each line of a JSON lines file, which is streamed."""
    with f:
        head = f.read(64 * 1024)
        f.seek(0)
        suffix = Path(name).suffix.lower()
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if suffix in (".html", ".htm") or start[:15].lower().startswith((b"<!doctype", b"<html")):
            yield from _read_html(name, _whole(f, max_bytes))
        elif suffix == ".jsonl" or (suffix != ".json" and start.startswith(b"{") and b"\n{" in head):
            yield from _read_lines(f, name, max_bytes)
        else:
            value = loads(_text(_whole(f, max_bytes)))
            for i, obj in enumerate(objects(value), 1):
                yield _one(f"{name}#{i}", obj)


def _whole(f: BinaryIO, max_bytes: int | None) -> bytes:
    data = f.read(-1 if max_bytes is None else max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise BadRecord(f"file too large (over {max_bytes:,} bytes); JSON lines (.jsonl) are read a line "
                        "at a time, with that limit a line")
    return data


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadRecord(f"not UTF-8 (invalid byte at offset {exc.start})") from None


_JSONLD = "descendant-or-self::script[@type='application/ld+json']"


def _read_html(name: str, data: bytes) -> Iterator[Item]:
    """ClaimReview objects in the page's JSON-LD. The page is one unit, like a JSON file: a broken
    block that carries a ClaimReview refuses the page (named in the error); a broken block of
    something else (a breadcrumb list) is ignored."""
    import lxml.etree
    from extruct.jsonld import JsonLdExtractor
    from extruct.utils import parse_html

    try:
        tree = parse_html(data, encoding="UTF-8")
    except (lxml.etree.LxmlError, ValueError):
        raise BadRecord("not readable HTML") from None
    extractor, found, broken = JsonLdExtractor(), [], 0
    for n, node in enumerate(tree.xpath(_JSONLD), 1):
        try:
            items = list(extractor.extract_items(node))
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, or the comment-tolerant fallback's
            why = "nested too deeply" if isinstance(exc, RecursionError) else f"not JSON ({str(exc).split(':')[0]})"
            if "ClaimReview" in node.xpath("string()"):
                raise BadRecord(f"JSON-LD block {n} is {why}; the page was not imported") from None
            broken += 1
            continue
        found.extend(obj for obj in objects(items) if _is_review(obj))
    if not found:
        raise BadRecord("no ClaimReview in the page's JSON-LD" + (f" ({broken} block(s) not JSON)" if broken else ""))
    for i, obj in enumerate(found, 1):
        yield _one(f"{name}#{i}", obj)


def _read_lines(f: BinaryIO, name: str, max_bytes: int | None) -> Iterator[Item]:
    limit = max_bytes or 1 << 62
    for n, line in enumerate(_lines(f, limit), 1):
        if line is None:
            yield f"{name}:{n}", BadRecord(f"line too long (over {limit:,} bytes)")
            continue
        if n == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            value = loads(line)
        except BadRecord as exc:
            yield f"{name}:{n}", exc
            continue
        for obj in objects(value):
            yield _one(f"{name}:{n}", obj)


def _lines(f: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The file's lines; None for a line over ``limit`` bytes, skipped without holding it."""
    while line := f.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _one(where: str, obj) -> Item:
    if isinstance(obj, BadRecord):
        return where, obj
    try:
        return where, review(obj)
    except BadRecord as exc:
        return where, exc
    except (TypeError, ValueError, AttributeError, RecursionError) as exc:
        return where, BadRecord(f"not a readable ClaimReview ({type(exc).__name__})")
