"""Read, parse and extract one seed file. No Django import: runs in importer worker processes."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from articles import extraction
from articles.extraction import Extraction, KnownPerson, ParsedArticle, SeedFormatError
from articles.extraction.names import person_keys
from articles.services import inputs


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


def read_file(path: str | os.PathLike, max_bytes: int) -> tuple[bytes, str]:
    """The file's bytes and sha256; ValueError with the reason when it cannot be read (not a
    regular file, too large: see inputs.read_regular)."""
    data = inputs.read_regular(path, max_bytes)
    return data, hashlib.sha256(data).hexdigest()


# Seconds one file's extraction may take (CLAIMSDB_EXTRACT_SECONDS); a news article takes milliseconds.
DEFAULT_BUDGET = 30.0


def prepare(path: str | os.PathLike, max_bytes: int, known: list[KnownPerson] | None = None,
            budget: float | None = DEFAULT_BUDGET) -> Prepared:
    p = Path(path)
    try:
        data, digest = read_file(p, max_bytes)
    except ValueError as exc:
        return Prepared(str(p), p.name, "", error=str(exc))
    try:
        parsed = extraction.parse_bytes(data)
    except SeedFormatError as exc:
        return Prepared(str(p), p.name, digest, error=str(exc))
    try:
        result = extraction.extract_article(parsed, known, deadline=extraction.Deadline(budget))
    except RecursionError:
        return Prepared(str(p), p.name, digest, error="text too deeply nested to extract")
    except extraction.ExtractionTimeout as exc:
        return Prepared(str(p), p.name, digest, error=f"{exc}; the file was not imported")
    names = {n for e in result.entities if e.kind == "person" for n in (e.name, *e.aliases)}
    return Prepared(str(p), p.name, digest, parsed, result, name_keys=person_keys(names))


def lower_priority() -> None:
    """Pool initializer: extraction workers run at a lower CPU priority than the writer."""
    try:
        os.nice(5)
    except OSError:
        pass  # not permitted here: same priority, same results


def prepare_task(args) -> Prepared:
    """Pool entry point: (path, max_bytes, known[, budget])."""
    return prepare(*args)
