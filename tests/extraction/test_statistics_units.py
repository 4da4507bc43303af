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


def article_stats(*paragraphs):
    art = parse("A headline about numbers\n\n3 March 2019\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    return {s.text: s for s in extract_article(art).statistics}


@pytest.mark.parametrize("sentence, text", [
    ("The Nasdaq fell 120 points, or 1.1 per cent, to 10,800.", "120 points"),
    ("The Nasdaq fell 120 points, or 1.1 percent, to 10,800.", "120 points"),
    ("The Nasdaq fell 120 points (1.1%) to 10,800.", "120 points"),
    ("The Dow jumped 300 points on Friday as interest rates fell.", "300 points"),
    ("Leeds are three points behind Arsenal with two games left.", "three points"),
    ("Liverpool are six points ahead of City at the top of the league.", "six points"),
])
def test_a_lead_or_a_rate_beside_a_game_or_an_index_leaves_its_points_points(sentence, text):
    s = stats(sentence)
    assert text in s and s[text].unit == "count" and s[text].measure == "points", s


@pytest.mark.parametrize("sentence, text", [
    ("Biden is up eight points in Pennsylvania.", "eight points"),
    ("Labour is 12 points clear of the Conservatives.", "12 points"),
])
def test_points_with_no_word_of_their_own_in_a_story_about_polls_are_percentage_points(sentence, text):
    s = article_stats("A new poll of 1,000 likely voters was published on Tuesday.", sentence)
    assert text in s and s[text].unit == "percentage_points", s


def test_points_with_no_word_of_their_own_in_a_story_about_a_league_are_points():
    s = article_stats("Celtic beat Hearts 3-0 in the league on Saturday, a game they dominated.",
                      "Celtic extended their advantage to nine points.")
    assert "nine points" in s and s["nine points"].unit == "count", s


@pytest.mark.parametrize("sentence, text, measure", [
    ("Officials counted 300 dead fish along the river bank.", "300 dead fish", "dead fish"),
    ("Some 200 staff outside the building were sent home.", "Some 200 staff", "staff"),
    ("More than 40 senior Labour MPs signed the letter on Monday.", "More than 40 senior Labour MPs",
     "senior Labour MPs"),
    ("Three SUVs parked outside were damaged.", "Three SUVs", "SUVs"),
])
def test_a_place_preposition_or_a_plural_in_capitals_ends_what_a_count_counts(sentence, text, measure):
    s = stats(sentence)
    assert text in s and s[text].measure == measure, s


def test_a_hyphened_percentage_point_is_a_margin():
    s = stats("In a poll last month, the senator had a 10 percentage-point lead.")
    assert "10 percentage-point" in s and s["10 percentage-point"].unit == "percentage_points", s
