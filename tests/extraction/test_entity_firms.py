"""Firms filed as people and fragments filed as organisations on articles from business and trade
outlets (issue #22): a company's designator as its last word, an ampersand between its partners'
names, and what a job title leaves of "Head of Research at Acme". Sentences written for the tests."""
import pytest

from tests.extraction.dated import entities


@pytest.mark.parametrize("firm", ["Dick Clark Productions", "Firefly Aerospace", "Ceres Robotics",
                                  "Kotak Institutional Equities", "Mason Securities", "Harlow Studios"])
def test_a_company_designator_ending_a_name_makes_it_an_organisation(firm):
    ents = entities(f"{firm} said on Monday that the deal was done.",
                    f"Shares of {firm} rose 4% after the announcement.")
    assert ents[firm].kind == "organisation"


@pytest.mark.parametrize("firm", ["Johnson & Johnson", "Baker & Sons", "AT&T", "PG&E"])
def test_an_ampersand_joins_one_firm_name_and_makes_no_person(firm):
    ents = entities(f"Executives of {firm} met the regulator on Tuesday.",
                    f"{firm} said it would comply with the new rules.")
    assert ents[firm].kind == "organisation"
    assert not [n for n in ents if n in firm and n != firm], sorted(ents)


def test_a_title_of_a_department_leaves_no_organisation_behind():
    ents = entities("“Prices will rise,” said Ann Weir, Head of Fundamental Research at Mason Securities.",
                    "Tom Hale, director of Policy at the Bright Centre, said the plan was weak.")
    assert "Ann Weir" in ents and "Tom Hale" in ents and "Mason Securities" in ents
    assert not [n for n in ents if n.startswith(("of ", "for "))], sorted(ents)


def test_an_ampersand_left_first_by_a_stripped_word_is_no_firm():
    ents = entities("The market opens Sun & Mon at the old hall in Leeds.")
    assert not [n for n in ents if n.startswith("&")], sorted(ents)


@pytest.mark.parametrize("abbreviation", ["R&D", "Q&A", "M&A"])
def test_a_letter_on_each_side_of_an_ampersand_is_no_firm_by_itself(abbreviation):
    # A common abbreviation as often as a firm: the ampersand alone does not make an organisation (it
    # had taken "said Tom Hale" as its speaker).
    ents = entities(f"The company spent more on {abbreviation} last year, said Tom Hale, its chief executive.")
    assert abbreviation not in ents, sorted(ents)
    assert ents["Tom Hale"].kind == "person"


@pytest.mark.parametrize("sentence, firm", [
    ("Jo Hale, equity strategist at Miller Tabak, says the stock could rise.", "Miller Tabak"),
    ("Tom Reyes, a senior analyst at Hollis Grant, said the deal was good.", "Hollis Grant"),
])
def test_the_name_after_a_persons_role_at_is_their_employer(sentence, firm):
    ents = entities(sentence)
    assert ents[firm].kind == "organisation", ents


@pytest.mark.parametrize("sentence, person", [
    ("Her husband, Bill, effectively hurled the kitchen sink at Tom Sanders in a speech.", "Tom Sanders"),
    ("Jo Hale, equity strategist at the firm, was greeted at Maria Lopez's party.", "Maria Lopez"),
])
def test_a_clause_or_a_first_name_after_at_keeps_the_person(sentence, person):
    ents = entities(sentence)
    assert ents[person].kind == "person", ents


@pytest.mark.parametrize("paragraph", [
    "Jo Hale, a senior adviser at Reyes's campaign headquarters, said the rally was full.",
    "Jo Hale, a former aide at Reyes's side for years, said the rally was full.",
])
def test_the_surname_of_a_person_the_article_names_after_at_is_no_employer(paragraph):
    # a business in every later mention would take the person's words from them
    ents = entities("Tom Reyes spoke in Dayton on Monday.", paragraph, "Reyes later left for Columbus.")
    assert [e.kind for e in ents.values() if "Reyes" in e.name] == ["person"], ents


def test_a_firm_owning_what_follows_at_is_still_the_employer():
    ents = entities("Jo Hale, a senior executive at Brakeley's parent company, said the plant would close.")
    assert ents["Brakeley"].kind == "organisation", ents
