"""People whose surname is also an outlet's or a court's word ("Bill Press", "Anita Hill", "Michael
Bloomberg"), and towns given with their state ("Berea, OH", "Ames, Iowa", "Berea, Ky.") after "of": no
organisations (issue #22, review of h-ent3). Sentences written for these tests."""
import pytest

from tests.extraction.dated import claims_by_frame, entities


@pytest.mark.parametrize("sentence, person", [
    ("Michael Bloomberg said the soda tax was fair to the city.", "Michael Bloomberg"),
    ("Bill Press said the host had been wrong about the ratings.", "Bill Press"),
    ("Anita Hill said the hearings had been unfair to her.", "Anita Hill"),
    ("Senator Jane Post said the bill was dead for this session.", "Jane Post"),
    ("Tennis great Margaret Court said the rule was unfair to players.", "Margaret Court"),
])
def test_a_first_name_and_an_outlets_word_is_a_person(sentence, person):
    ents = entities(sentence)
    assert person in ents and ents[person].kind == "person", {n: e.kind for n, e in ents.items()}


def test_a_towns_newspaper_stays_an_organisation():
    ents = entities("The Charlotte Observer reported the vote.",
                    "Charlotte Observer editors said the paper would endorse no one.")
    assert ents["Charlotte Observer"].kind == "organisation", {n: e.kind for n, e in ents.items()}


@pytest.mark.parametrize("sentence", [
    "Jane Doe of Berea, OH said the car had been red.",
    "Kai Akana of Hilo, HI said the lava had stopped short of the road.",
    "John Smith of Ames, Iowa, said the plan would fail.",
    "Smith, of Des Moines, Iowa, said the plan would fail.",
    "Jane Doe of Berea, Ky., said the car had been red.",
])
def test_a_town_and_its_state_after_of_are_places(sentence):
    ents = entities(sentence)
    assert not [n for n, e in ents.items() if e.kind == "organisation" or n in ("Berea", "Hilo", "Ames", "Des Moines")], \
        {n: e.kind for n, e in ents.items()}
    assert any(e.kind == "person" for e in ents.values())


def test_an_employer_after_of_stays_an_organisation():
    ents = entities("Jane Doe of Gawker, a blog, said the story was true.")
    assert ents["Gawker"].kind == "organisation"
    ents = entities("Trump met Kasich, Ohio's governor, on Monday. Kasich said the talks went well.")
    assert ents["Kasich"].kind == "person"


@pytest.mark.parametrize("sentence, outlet", [
    ("Austin Chronicle said the band had split before the tour.", "Austin Chronicle"),
    ("Lincoln Journal said turnout was low in the rural precincts.", "Lincoln Journal"),
])
def test_a_first_name_before_an_outlets_word_nobody_bears_is_its_town(sentence, outlet):
    # (a town named like a person before a paper's word that is no surname: the paper)
    ents = entities(sentence)
    assert outlet in ents and ents[outlet].kind == "organisation", {n: e.kind for n, e in ents.items()}


@pytest.mark.parametrize("sentence, person", [
    ("Lisa Park of Columbus, Ga., said the vote was close.", "Lisa Park"),
    ("Mary Hall said the vote was close.", "Mary Hall"),
    ("Tom Field, a farmer, said the rain came too late.", "Tom Field"),
])
def test_a_known_first_name_and_a_place_word_is_a_person(sentence, person):
    # "Park", "Hall", "Field" head places ("Lincoln Park"); after a known first name they are surnames.
    ents = entities(sentence)
    assert person in ents and ents[person].kind == "person", {n: e.kind for n, e in ents.items()}


def test_a_person_with_a_place_word_surname_speaks_by_name():
    assert claims_by_frame("Lisa Park of Columbus, Ga., said the vote was close.") == [
        ("the vote was close", "Lisa Park", "bare_clause")]


def test_a_place_named_with_a_park_stays_no_person():
    ents = entities("Residents of Lincoln Park said the vote was close.")
    assert "Lincoln Park" not in ents or ents["Lincoln Park"].kind != "person"
