"""CSV export of claims for researchers, streamed so any number of rows fits in memory.

Cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return)
are written with a leading apostrophe: `=HYPERLINK(...)` arrives as the text `'=HYPERLINK(...)`.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator

from articles.publishing import selectors as published
from articles.selectors.outward import xml_safe

COLUMNS = ["id", "article_id", "article_title", "published", "publisher", "source_file", "kind", "text", "start",
           "end", "speaker_id", "speaker", "organisation_id", "organisation", "speaker_text", "cue", "status",
           "verdict", "rationale", "reviewed_at", "checkworthiness"]


# Spreadsheets run a cell that starts with one of these as a formula (CSV injection); a leading
# apostrophe makes it text, the common practice (OWASP). Tab and carriage return start formulas too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell that no spreadsheet runs: text starting like a formula gets a leading apostrophe.
    Characters XML 1.0 forbids are replaced (spreadsheets store cells as XML and refuse them)."""
    if not isinstance(value, str):
        return value
    value = xml_safe(value)
    return "'" + value if value.startswith(FORMULA_START) else value


class _Echo:
    def write(self, value):
        return value


def claims_csv(qs, drafts: bool = False) -> Iterator[str]:
    """The claims of ``qs`` as CSV lines; review columns of unpublished checks only when ``drafts``
    (a reader who sees drafts: publishing.selectors)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    rows = qs.defer(None).select_related("article__publisher", "speaker", "organisation").order_by("id")
    for c in rows.iterator(chunk_size=2000):
        a = c.article
        shown = published.shows_review(c, drafts)
        yield writer.writerow([safe_cell(v) for v in (
            c.id, a.id, a.title, a.published.isoformat(), a.publisher.name if a.publisher_id else "", a.source_file,
            c.kind, c.text, c.start, c.end, c.speaker_id or "", c.speaker.name if c.speaker_id else "",
            c.organisation_id or "", c.organisation.name if c.organisation_id else "", c.speaker_text, c.cue,
            *((c.status, c.verdict, c.rationale, c.reviewed_at.isoformat() if c.reviewed_at else "") if shown
              else (published.public_status(c), "", "", "")),
            "" if c.checkworthiness is None else c.checkworthiness)])


BALANCE_COLUMNS = ["group", "kind", "id", "name", "month", "verdict", "verdict_label", "checks"]


def balance_csv(b) -> Iterator[str]:
    """The balance of published checks (selectors.balance) as CSV lines: one per group, month and
    verdict, cells made safe as every CSV export's are."""
    from articles.selectors.balance import records

    writer = csv.writer(_Echo())
    yield writer.writerow(BALANCE_COLUMNS)
    for rec in records(b):
        yield writer.writerow([safe_cell(rec[c]) for c in BALANCE_COLUMNS])
