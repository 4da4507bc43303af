"""The seed-format parser (pure Python)."""
from datetime import date

import pytest

from articles.extraction import SeedFormatError, parse, parse_bytes
from tests.conftest import SEED


def test_seed_article():
    art = parse_bytes(SEED.read_bytes())
    assert art.title.startswith("Trump-Putin alliance sparks diplomatic crisis")
    assert art.published == date(2016, 11, 14)
    assert art.publisher == "The Telegraph"
    assert sum(b.kind == "bullet" for b in art.blocks) == 6
    # Offsets index the text as it is: every block is a slice of it.
    bullets = [art.text[b.start:b.end] for b in art.blocks if b.kind == "bullet"]
    assert bullets[0].startswith("Sir Michael Fallon, the Defence Secretary")
    assert art.text[art.blocks[0].start:art.blocks[0].end] == art.title


@pytest.mark.parametrize("line, expected", [
    ("14 November 2016", date(2016, 11, 14)),
    ("November 14, 2016", date(2016, 11, 14)),
    ("2016-11-14", date(2016, 11, 14)),
    ("Monday 14 Nov 2016", date(2016, 11, 14)),
])
def test_date_formats(line, expected):
    assert parse(f"Headline\n\n{line}\n\nBody text.\n").published == expected


def test_bullets_with_dashes_and_stars():
    art = parse("Headline\n\n1 May 2020\n\nThey said:\n\n- one thing\n* another thing\n\n- The Times\n")
    assert [b.kind for b in art.blocks] == ["headline", "dateline", "paragraph", "bullet", "bullet", "byline"]
    assert art.publisher == "The Times"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"   \n\n  ", "empty file"),
    (b"Headline\x00\x01\x02 binary", "binary"),
    ("Headline\n\n14 November 2016\n\ncaf\u00e9".encode("latin-1"), "not UTF-8"),
    (b"\n\n14 November 2016\n\nBody.", "no headline"),
    (b"14 November 2016\n\nBody.", "no headline"),
    (b"Headline\n\nBody without a date.\n", "missing date"),
    (b"Headline\n\n31 February 2016\n\nBody.", "impossible date"),
    (b"Headline\n\n14 November 2016\n", "no body"),
])
def test_bad_input_is_refused_with_a_reason(data, reason):
    with pytest.raises(SeedFormatError, match=reason):
        parse_bytes(data)


def test_byte_order_mark_is_dropped():
    art = parse_bytes("\ufeffHeadline\n\n1 May 2020\n\nBody.\n".encode())
    assert art.title == "Headline"
