"""A dateline trimmed from a content's start (`content.trim`, review of h-rv15's one dateline reading): a
place in capitals anywhere, a place in mixed case or an agency only at a paragraph's start; a name and its
bracket before a dash inside a paragraph are what was said. Sentences written for these tests."""
import pytest

from tests.extraction.dated import claims_by_frame


@pytest.mark.parametrize("sentence, content", [
    ("The senator said Jo Hale (D) – a moderate – would vote no.", "Jo Hale (D) – a moderate – would vote no"),
    ("Officials said Acme (NYSE: ACM) - the largest miner - would close two pits.",
     "Acme (NYSE: ACM) - the largest miner - would close two pits"),
])
def test_a_name_and_its_bracket_before_a_dash_inside_a_paragraph_stay_in_the_content(sentence, content):
    claims = claims_by_frame(sentence)
    assert [t for t, _w, _f in claims] == [content], claims


def test_a_place_in_capitals_before_a_dash_is_still_trimmed():
    claims = claims_by_frame("He said WASHINGTON (AP) — the bill would pass.")
    assert [t for t, _w, _f in claims] == ["the bill would pass"], claims
