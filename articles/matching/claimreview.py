"""schema.org ClaimReview in, plain records out: the parsing rules for every input format.

Formats: a JSON file holding one object or a list (or an ``@graph``), JSON lines, HTML pages with
embedded JSON-LD (read with ``extruct``, as crawlers do), and the Google Fact Check Tools
``claims:search`` response (``{"claims": [{"text", "claimant", "claimReview": [...]}]}``).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

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


def review(obj: dict) -> Review:
    """One ClaimReview object as a record, or BadRecord naming what is missing."""
    if not isinstance(obj, dict):
        raise BadRecord(f"expected a JSON object, got {type(obj).__name__}")
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


def _google(obj: dict) -> Iterator[dict]:
    """Google Fact Check Tools claims:search → ClaimReview-shaped objects."""
    for claim in obj.get("claims") or []:
        for r in claim.get("claimReview") or []:
            yield {
                "@context": "https://schema.org", "@type": "ClaimReview", "url": r.get("url"),
                "claimReviewed": claim.get("text"), "name": r.get("title", ""),
                "author": r.get("publisher") or {}, "datePublished": r.get("reviewDate"),
                "inLanguage": r.get("languageCode", ""),
                "reviewRating": {"@type": "Rating", "alternateName": r.get("textualRating", "")},
                "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": claim.get("claimant", "")},
                                 "datePublished": claim.get("claimDate")},
            }


def objects(value) -> Iterator[dict]:
    """Every ClaimReview-like object in a decoded JSON value."""
    if isinstance(value, list):
        for v in value:
            yield from objects(v)
    elif isinstance(value, dict):
        if "claims" in value and isinstance(value["claims"], list):
            yield from _google(value)
        elif "@graph" in value:
            yield from objects(value["@graph"])
        else:
            yield value
    else:
        yield value  # review() names the wrong type


def read(path: Path) -> Iterator[tuple[str, Review | BadRecord]]:
    """(where, record or error) for each record of a file; an unreadable file raises BadRecord."""
    try:
        data = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadRecord(f"cannot read: {exc}") from exc
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm") or data.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        return _read_html(path, data)
    stripped = data.strip()
    if suffix == ".jsonl" or (stripped.startswith("{") and "\n{" in stripped and suffix != ".json"):
        return _read_lines(path, data)
    try:
        value = json.loads(data)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"not JSON (line {exc.lineno}: {exc.msg})") from exc
    return (item for i, obj in enumerate(objects(value), 1) for item in _one(f"{path}#{i}", obj))


def _read_html(path: Path, data: str) -> Iterator[tuple[str, Review | BadRecord]]:
    import extruct

    found = [o for o in objects(extruct.extract(data, syntaxes=["json-ld"], uniform=True)["json-ld"]) if _is_review(o)]
    if not found:
        raise BadRecord("no ClaimReview in the page's JSON-LD")
    return (item for i, obj in enumerate(found, 1) for item in _one(f"{path}#{i}", obj))


def _read_lines(path: Path, data: str) -> Iterator[tuple[str, Review | BadRecord]]:
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"{path}:{n}", BadRecord(f"not JSON: {exc.msg}")
            continue
        for obj in objects(value):
            yield from _one(f"{path}:{n}", obj)


def _one(where: str, obj) -> Iterator[tuple[str, Review | BadRecord]]:
    try:
        yield where, review(obj)
    except BadRecord as exc:
        yield where, exc
