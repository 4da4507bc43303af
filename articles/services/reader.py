"""Read, parse and extract one seed file, web page file or web address. No Django import: runs
in importer worker processes."""
from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from articles import extraction
from articles.extraction import Extraction, KnownPerson, ParsedArticle, SeedFormatError
from articles.extraction.names import person_keys
from articles.ingestion.web import fetch, page
from articles.services import inputs

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


def is_html_name(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


@dataclass(frozen=True)
class WebAddress:
    """An http(s) address to import, with the rules it is fetched under."""

    url: str
    policy: fetch.FetchPolicy
    attempts: int = 1  # polling tries again after a transient failure (fetch.fetch_retrying)

    def __str__(self) -> str:
        return self.url


@dataclass
class Snapshot:
    """The HTML an article was read from, as fetched (or as the file held it)."""

    html: bytes
    sha256: str
    fetched_at: datetime
    url: str = ""  # as asked for ("" for a file)
    final_url: str = ""  # after redirects
    http_status: int | None = None  # None for a file
    content_type: str = ""
    canonical_url: str = ""  # as the page declares it
    content_sha256: str = ""  # of the article's paragraphs, white space normalised
    language: str = ""
    author: str = ""
    metadata: dict = field(default_factory=dict)


@dataclass
class Prepared:
    """A file read, parsed and extracted: everything that needs no database."""

    path: str
    source_file: str
    sha256: str
    parsed: ParsedArticle | None = None
    extraction: Extraction | None = None
    error: str = ""
    name_keys: dict[str, str] = field(default_factory=dict)  # person names -> keys, computed by the worker
    snapshot: Snapshot | None = None  # web pages: the HTML read


def read_file(path: str | os.PathLike, max_bytes: int) -> tuple[bytes, str]:
    """The file's bytes and sha256; ValueError with the reason when it cannot be read (not a
    regular file, too large: see inputs.read_regular)."""
    data = inputs.read_regular(path, max_bytes)
    return data, hashlib.sha256(data).hexdigest()


# Seconds one file's extraction may take (CLAIMSDB_EXTRACT_SECONDS); a news article takes milliseconds.
DEFAULT_BUDGET = 30.0


def prepare(path: str | os.PathLike | WebAddress, max_bytes: int, known: list[KnownPerson] | None = None,
            budget: float | None = DEFAULT_BUDGET) -> Prepared:
    """A seed file, a web page file (.html, .htm, .html.gz) or a web address, read and extracted."""
    if isinstance(path, WebAddress):
        return prepare_url(path, known, budget)
    p = Path(path)
    if is_html_name(p.name):
        return prepare_html_file(p, known, budget)
    try:
        data, digest = read_file(p, max_bytes)
    except ValueError as exc:
        return Prepared(str(p), p.name, "", error=str(exc))
    try:
        parsed = extraction.parse_bytes(data)
    except SeedFormatError as exc:
        return Prepared(str(p), p.name, digest, error=str(exc))
    return _extracted(Prepared(str(p), p.name, digest, parsed), known, budget)


def _extracted(prep: Prepared, known: list[KnownPerson] | None, budget: float | None) -> Prepared:
    try:
        result = extraction.extract_article(prep.parsed, known, deadline=extraction.Deadline(budget))
    except RecursionError:
        return Prepared(prep.path, prep.source_file, prep.sha256, error="text too deeply nested to extract")
    except extraction.ExtractionTimeout as exc:
        return Prepared(prep.path, prep.source_file, prep.sha256, error=f"{exc}; the file was not imported")
    names = {n for e in result.entities if e.kind == "person" for n in (e.name, *e.aliases)}
    prep.extraction, prep.name_keys = result, person_keys(names)
    return prep


# -- web pages --------------------------------------------------------------------------------
MAX_HTML_BYTES = fetch.FetchPolicy.max_bytes  # a page file, like a fetched page, is read up to 5 MB


def read_html_file(p: Path, max_bytes: int = MAX_HTML_BYTES) -> bytes:
    """A page file's HTML (gunzipped for .gz, up to max_bytes decompressed); ValueError with the reason."""
    try:
        if p.name.lower().endswith(".gz"):
            with gzip.open(p, "rb") as fh:
                data = fh.read(max_bytes + 1)
        else:
            if p.stat().st_size > max_bytes:
                raise ValueError(f"file too large ({p.stat().st_size:,} bytes; the limit is {max_bytes:,})")
            data = p.read_bytes()
    except (OSError, EOFError) as exc:
        raise ValueError(f"cannot read file: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > max_bytes:
        raise ValueError(f"file too large (over {max_bytes:,} bytes decompressed; the limit is {max_bytes:,})")
    return data


def prepare_html_file(p: Path, known: list[KnownPerson] | None = None, budget: float | None = DEFAULT_BUDGET) -> Prepared:
    try:
        html = read_html_file(p)
    except ValueError as exc:
        return Prepared(str(p), p.name, "", error=str(exc))
    mtime = datetime.fromtimestamp(p.stat().st_mtime, UTC)
    snap = Snapshot(html, hashlib.sha256(html).hexdigest(), fetched_at=mtime, content_type="text/html")
    return _from_page(str(p), p.name, snap, None, known, budget)


def prepare_url(target: WebAddress, known: list[KnownPerson] | None = None,
                budget: float | None = DEFAULT_BUDGET) -> Prepared:
    try:
        got = fetch.fetch_retrying(target.url, target.policy, attempts=target.attempts)
    except fetch.FetchError as exc:
        return Prepared(target.url, "", "", error=str(exc))
    snap = Snapshot(got.body, hashlib.sha256(got.body).hexdigest(), got.fetched_at, url=got.url,
                    final_url=got.final_url, http_status=got.status, content_type=got.content_type)
    return _from_page(target.url, "", snap, got.charset, known, budget)


def source_key(url: str) -> str:
    """An article fetched from the web is identified by its address (hashed past 255 characters)."""
    return url if len(url) <= 255 else f"{url[:190]}#{hashlib.sha256(url.encode()).hexdigest()[:40]}"


def _from_page(path: str, source_file: str, snap: Snapshot, charset: str | None,
               known: list[KnownPerson] | None, budget: float | None) -> Prepared:
    """The page's article in the seed format, parsed and extracted like a seed file.

    ``source_url`` is the page's canonical address when it names one on the site it was fetched
    from (a page cannot claim another site's address), else the address it was fetched from."""
    try:
        art = page.read_page(snap.html, snap.final_url or None, charset, today=snap.fetched_at.date())
    except page.PageError as exc:
        return Prepared(path, source_file, "", error=str(exc))
    if snap.final_url:
        trusted = art.canonical_url and page.same_site(art.canonical_url, snap.final_url)
        source_url = art.canonical_url if trusted else snap.final_url
    else:
        source_url = art.canonical_url or None
    text = page.seed_text(art, source_url, fallback_date=snap.fetched_at.date())
    try:
        parsed = extraction.parse(text)
    except SeedFormatError as exc:
        return Prepared(path, source_file, "", error=f"the page's article is not usable: {exc}")
    snap.canonical_url, snap.language, snap.author = art.canonical_url, art.language, art.author
    snap.metadata = page.metadata(art)
    body = " ".join(" ".join(parsed.text[b.start:b.end].split()) for b in parsed.body_blocks)
    snap.content_sha256 = hashlib.sha256(body.encode("utf-8")).hexdigest()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    prep = Prepared(path, source_file or source_key(source_url or snap.final_url), digest, parsed, snapshot=snap)
    return _extracted(prep, known, budget)


def lower_priority() -> None:
    """Pool initializer: extraction workers run at a lower CPU priority than the writer."""
    try:
        os.nice(5)
    except OSError:
        pass  # not permitted here: same priority, same results


def prepare_task(args) -> Prepared:
    """Pool entry point: (path, max_bytes, known[, budget])."""
    return prepare(*args)
