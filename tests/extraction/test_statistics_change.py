"""A change "from A ... to B" whose later value carries a qualifier is one statistic (issue #22:
"from 16 now to as many as 80" was read as 16)."""
from decimal import Decimal

import pytest

from articles.extraction import extract_article, parse


def statistics(*paragraphs):
    art = parse("A headline about numbers\n\n3 March 2019\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    return extract_article(art).statistics


def stats(sentence):
    return extract_article(parse(f"A headline\n\n3 March 2019\n\n{sentence}\n\n- The Daily Example\n")).statistics


@pytest.mark.parametrize(("sentence", "value", "previous", "qualifier"), [
    ("The ward will grow from 12 beds now to as many as 40 beds by June.", "40", "12", "as many as"),
    ("Fees rose from 300 pounds in 2017 to more than 900 pounds this year.", "900", "300", "more than"),
    ("Fees rose from 300 pounds to 900 pounds.", "900", "300", ""),
])
def test_a_change_to_a_qualified_value_is_one_statistic_with_both_values(sentence, value, previous, qualifier):
    (s,) = [s for s in stats(sentence) if s.value == Decimal(value)]
    assert s.previous_value == Decimal(previous) and s.qualifier == qualifier
    assert not [s for s in stats(sentence) if s.value == Decimal(previous)]


def test_a_change_to_a_qualified_value_is_one_statistic_with_the_previous_value():
    stats = statistics("The airline plans to grow its fleet from 16 now to as many as 80 aircraft by 2030.")
    assert [(s.value, s.previous_value, s.qualifier, s.measure) for s in stats] == [
        (Decimal("80"), Decimal("16"), "as many as", "aircraft")]


def test_a_change_without_a_qualifier_is_read_as_before():
    stats = statistics("Unemployment fell from 5.1 percent to 4.9 percent last year.")
    assert [(s.value, s.previous_value, s.unit) for s in stats] == [(Decimal("4.9"), Decimal("5.1"), "percent")]
