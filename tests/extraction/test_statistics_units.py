"""What a count counts, and whose points "N points" are (issue #22, real articles from other outlets).
Sentences written for the tests."""
import pytest

from articles.extraction import extract_article, parse


def stats(sentence):
    art = parse("A headline about numbers\n\n3 March 2019\n\n" + sentence + "\n\n- The Daily Example\n")
    return {s.text: s for s in extract_article(art).statistics}


@pytest.mark.parametrize("sentence, text, measure", [
    ("The two unions continue to talk about the pay offer.", "two unions", "unions"),
    ("The chain owns 40 newspapers including the Riverside Gazette.", "40 newspapers", "newspapers"),
    ("The three mayors sidestepped awkward questions about the budget.", "three mayors", "mayors"),
    ("Only five films available exclusively online won prizes.", "Only five films", "films"),
    ("The storm hit more than 60 towns across the valley.", "more than 60 towns", "towns"),
    ("In the trial 38 people found the drug helped.", "38 people", "people"),
    ("Some 120 women noticed a change within a week.", "Some 120 women", "women"),
    ("Two Americans killed in the attack were buried on Friday.", "Two Americans", "Americans"),
])
def test_a_plural_noun_ends_what_a_count_counts(sentence, text, measure):
    s = stats(sentence)
    assert text in s and s[text].measure == measure, s


@pytest.mark.parametrize("sentence, text, measure", [
    ("The group runs 120 local news websites in the state.", "120 local news websites", "local news websites"),
    ("The city has built two gas stations and 12 bus shelters.", "12 bus shelters", "bus shelters"),
    ("Inspectors visited 14 care homes last spring.", "14 care homes", "care homes"),
])
def test_a_noun_before_the_plural_head_stays_in_the_count(sentence, text, measure):
    s = stats(sentence)
    assert text in s and s[text].measure == measure, s


@pytest.mark.parametrize("sentence, text", [
    ("Jo Perez scored 31 points as the Hawks beat the Owls.", "31 points"),
    ("Sam Reed finished with 12 points and nine rebounds.", "12 points"),
    ("The FTSE 100 fell 45.3 points, or 0.61%, to 7,310.",  "45.3 points"),
])
def test_points_in_a_game_or_an_index_are_points_not_percentage_points(sentence, text):
    s = stats(sentence)
    assert text in s and s[text].unit == "count" and s[text].measure == "points", s


@pytest.mark.parametrize("sentence, text", [
    ("The governor leads her rival by 12 points in the latest count.", "12 points"),
    ("The survey has a margin of error of 3.5 points.", "3.5 points"),
    ("His approval rating has dropped nine points since June.", "nine points"),
    ("Turnout was up 4 percentage points on the last election.", "4 percentage points"),
])
def test_points_in_polls_and_votes_are_percentage_points(sentence, text):
    s = stats(sentence)
    assert text in s and s[text].unit == "percentage_points", s


def test_a_name_ending_in_s_inside_a_count_is_no_plural_head():
    s = stats("Two United States navy ships docked in the harbour.")
    assert "Two United States navy ships" in s, s


@pytest.mark.parametrize("sentence, word", [
    ("The estimate fell to about 660,000 based on new forecasts.", "based"),
    ("The firm cut 1,200 across its plants in the north.", "across"),
    ("The Owls have lost four of five despite two strong games.", "despite"),
])
def test_a_preposition_or_participle_after_the_number_is_no_measure(sentence, word):
    # (A bare number with no unit is no statistic: what it counts is not said.)
    assert not [t for t, st in stats(sentence).items() if word in st.measure], stats(sentence)
