"""Numbers misread on articles from other outlets (issue #22): a year before a plural noun, "at one
point", a weight in pounds, and a vague count of a scale ("hundreds of thousands"). Sentences written
for the tests."""
from decimal import Decimal

import pytest

from articles.extraction import extract_article, parse


def stats(sentence):
    art = parse("A headline about numbers\n\n3 March 2019\n\n" + sentence + "\n\n- The Daily Example\n")
    return {s.text: s for s in extract_article(art).statistics}


@pytest.mark.parametrize("sentence, year", [
    ("Turnout in the 2016 elections was the lowest on record.", "2016"),
    ("A programme launched in 2011 aims to cut waste by a third.", "2011"),
    ("The memorial honours those killed in the September 11, 2001 attacks.", "2001"),
])
def test_a_year_before_a_plural_noun_is_no_count(sentence, year):
    assert not [t for t in stats(sentence) if year in t], stats(sentence)


@pytest.mark.parametrize("sentence, count", [
    ("The army sent 2000 soldiers to the border.", "2000 soldiers"),
    ("The screen measures 1080 pixels by 1920 pixels.", "1920 pixels"),  # "by": a dimension, not a deadline
])
def test_a_four_digit_count_without_a_year_reading_stays_a_count(sentence, count):
    s = stats(sentence)
    assert s[count].unit == "count" and str(s[count].value) == count.split()[0]


def test_at_one_point_is_a_moment_and_a_rise_of_one_point_a_change():
    s = stats("At one point the queue reached the station. Support for the plan rose one point.")
    assert [(t, st.unit) for t, st in s.items()] == [("one point", "percentage_points")]
    assert list(s.values())[0].start > 20


def test_pounds_of_a_substance_are_a_weight_and_pounds_alone_money():
    s = stats("The plant released 5,200 pounds of steam a day. The farm sold for 5,200 pounds.")
    weight, money = sorted(s.values(), key=lambda st: st.start)
    assert (weight.unit, weight.currency) == ("count", "")
    assert (money.unit, money.currency) == ("currency", "GBP")


def test_hundreds_of_thousands_is_a_count_of_a_hundred_thousand_of_the_noun_after():
    s = stats("The storm left hundreds of thousands of homes without power.")
    (st,) = s.values()
    assert st.value == Decimal(100_000) and st.measure == "homes"


@pytest.mark.parametrize("sentence, share", [
    ("Support for the plan stood at one percent in May.", "one percent"),
    ("Unemployment was at two per cent in the spring.", "two per cent"),
])
def test_a_share_after_at_is_no_moment(sentence, share):
    # Only "at one point" is a moment; "at one percent" is a share like any other.
    assert stats(sentence)[share].unit == "percent", stats(sentence)
