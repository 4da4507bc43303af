"""Capitalised words that make no person or organisation (issue #22): a member's party and state, a
weekday after a name, a heading in capitals, words of a quoted title; and a Korean name's family
name with a title. Sentences written for the tests."""
from tests.extraction.dated import claims_by_frame, entities


def test_a_party_and_state_label_is_no_name():
    ents = entities("State Del. Jane Roe (D-Newport News) said the budget was late.",
                    "Senator John Doe (R-Ohio) told reporters the vote would wait.")
    assert "Jane Roe" in ents and "John Doe" in ents
    assert not [n for n in ents if n.startswith(("D-", "R-"))]
    ents = entities("Rep. Jo Hale, D-Ohio, said the bill would pass.")  # the commas of AP style
    assert "Jo Hale" in ents and not [n for n in ents if n.startswith("D-")]


def test_a_name_shaped_like_a_party_label_elsewhere_stays_a_name():
    # Only in brackets or between commas after a name is "D-..." a party and a state: a company's
    # name of the same shape, opening the sentence or after a preposition, is kept.
    ents = entities("D-Wave Systems sold its first computer to a defence firm in 2011.",
                    "Engineers at D-Wave Systems said the new machine was faster.")
    assert ents["D-Wave Systems"].kind == "organisation"


def test_a_weekday_after_a_name_is_the_date_not_the_name():
    ents = entities("Mark Dalton told CNN Tuesday that the plan would fail.",
                    "Hillary Clinton spoke in Iowa. The tax plan is a mistake, said Clinton Friday.")
    assert "CNN" in ents and "CNN Tuesday" not in ents
    assert "Clinton Friday" not in ents and "Hillary Clinton" in ents
    ents = entities("Mark Dalton appeared on Morning Joe Monday and said the plan would fail.")
    assert "Joe Monday" not in ents


def test_a_weekday_before_the_is_a_date_not_part_of_the_name():
    ents = entities("Officials said Wednesday the Secret Service had closed the road.")
    assert "Wednesday the Secret Service" not in ents
    assert "Secret Service" in ents


def test_a_day_that_names_an_event_stays_whole():
    ents = entities("Voters in nine states went to the polls on Super Tuesday, Jane Roe said.")
    assert not [n for n in ents if n in ("Super", "Super Tuesday")]


def test_a_heading_in_capitals_is_no_part_of_the_name_after_it():
    ents = entities("FARMERS PROTEST NEW WATER RULES The National Farmers Union said the rules would cost "
                    "growers dearly.",
                    "BUDGET TALKS STALL AGAIN IN THE CAPITAL Lawmakers left town.")
    assert "National Farmers Union" in ents
    assert not [n for n in ents if "FARMERS" in n or "BUDGET" in n]


def test_words_of_a_quoted_title_make_no_organisation():
    ents = entities("In his 2004 book, ''Make Your Money Grow in a Week,'' Mr. Doe suggested buying bonds.",
                    "Mr. Doe recalled the book “Decline: How Nations Choose to Fail or Thrive,” by Jane Roe.")
    assert "Jane Roe" in ents and "Doe" in ents
    assert not [n for n, e in ents.items() if e.kind == "organisation"]


def test_an_organisation_in_a_quoted_title_with_its_head_word_stays_one():
    ents = entities("She wrote “Ten Years at the Acme Institute,” Jane Roe said.")
    assert ents["Acme Institute"].kind == "organisation"


def test_a_korean_family_name_with_a_title_is_the_person_named_in_full():
    ents = entities("Secretary General Ban Ki-moon said on Monday that the talks had failed.",
                    "Mr. Ban said the talks would resume. Critics said Mr. Ban had waited too long.")
    assert "Ban Ki-moon" in ents and ents["Ban Ki-moon"].kind == "person"
    assert "Ban" not in ents


def test_a_weekday_after_a_first_name_opening_the_name_is_a_family_name():
    # A given name then a weekday, nothing but a title before: a person so named, not a date.
    ents = entities("Peter Friday, a farmer near the river, said the road had been shut for a week.",
                    "Sen. Mary Monday told reporters the bridge would reopen.")
    assert ents["Peter Friday"].kind == "person" and ents["Mary Monday"].kind == "person"
    assert "Peter" not in ents and "Mary" not in ents


def test_an_organisation_of_acronyms_before_its_head_is_no_heading():
    # Words in capitals that are acronyms, not ordinary words, then a capitalised word: one name.
    ents = entities("A report by the US DOD IG Office said the contract had been awarded without a bid.")
    assert ents["US DOD IG Office"].kind == "organisation"


def test_a_place_in_capitals_with_a_colon_opening_the_story_is_its_dateline():
    first = "NEW DELHI: Nearly 150 travellers returned home on Wednesday after their flights were cancelled."
    second = "Raj Singh, a teacher, said he had waited for two days."
    ents = entities(first, second)
    assert "New Delhi" not in ents and "Raj Singh" in ents
    out = claims_by_frame(first, second)
    assert [c[1] for c in out] == ["Raj Singh"], out


def test_a_transcript_label_after_the_first_paragraph_is_still_a_speaker():
    ents = entities("The senator spoke to the station on Sunday.", "PENCE: Well, look, we will win.",
                    "HOST: Thank you.", "PENCE: We will win Ohio.")
    assert ents["Pence"].kind == "person"


def test_a_market_index_and_a_code_in_brackets_are_no_organisations():
    ents = entities("South Korea's Kospi Index (KOSPI) fell 0.5%, while the Shanghai Composite (SHCOMP) slumped.",
                    "Home Depot (ticker: HD) reported higher earnings, Jo Hale, an analyst, said.")
    assert not {"Kospi Index", "KOSPI", "Shanghai Composite", "SHCOMP", "HD"} & set(ents), ents


def test_an_acronym_in_brackets_after_an_organisation_stays_its_name():
    ents = entities("The National Rifle Association (NRA) said it would sue the city.",
                    "The NRA has four million members, Jo Hale said.")
    assert ents["National Rifle Association"].kind == "organisation", ents


def test_a_source_in_brackets_after_a_year_stays_an_organisation():
    # a number before the brackets is an index's only after its name ("FTSE 100 (UKX)"), not a year
    ents = entities("Deaths rose sharply in 2020 (WHO) and again in 2021, Jo Hale said.",
                    "The FTSE 100 (UKX) fell on Monday, while the Russell 2000 (RUT) rose.")
    assert ents["WHO"].kind == "organisation" and not {"UKX", "RUT"} & set(ents), ents
