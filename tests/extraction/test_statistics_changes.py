"""A change "from A to B" is one statistic with its previous value, also when a qualifier stands
before B (issue #22: "from 16 now to as many as 80" was read as 16). Sentences written for the test."""
from decimal import Decimal

from articles.extraction import extract_article, parse


def statistics(*paragraphs):
    art = parse("A headline about numbers\n\n3 March 2019\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    return extract_article(art).statistics


def test_a_change_to_a_qualified_value_is_one_statistic_with_the_previous_value():
    stats = statistics("The airline plans to grow its fleet from 16 now to as many as 80 aircraft by 2030.")
    assert [(s.value, s.previous_value, s.qualifier, s.measure) for s in stats] == [
        (Decimal("80"), Decimal("16"), "as many as", "aircraft")]


def test_a_change_without_a_qualifier_is_read_as_before():
    stats = statistics("Unemployment fell from 5.1 percent to 4.9 percent last year.")
    assert [(s.value, s.previous_value, s.unit) for s in stats] == [(Decimal("4.9"), Decimal("5.1"), "percent")]
