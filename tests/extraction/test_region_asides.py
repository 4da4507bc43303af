"""A town's region between commas before the cue ("Jane Doe of Berea, Ohio, said", "Maria Roe, 29, of
Huntsville, Ala., says", `claims.asides.aside_starts`): the region closes the town's aside, the speaker
is the person before it, and what follows the cue is what was said, pronoun and all. Sentences written
for these tests."""
import pytest

from tests.extraction.dated import claims_by_frame


@pytest.mark.parametrize("sentence, speaker, content", [
    ("Jane Doe of Berea, Ohio, said the car was red.", "Jane Doe", "the car was red"),
    ("Jane Doe of Berea, Ky., said the car was red.", "Jane Doe", "the car was red"),
    ("Maria Roe, 29, of Huntsville, Ala., says her biggest worry is the price of rent.", "Maria Roe",
     "her biggest worry is the price of rent"),
    ("Carl Mendes, 22, of Flint, Mich., said he had not given up hope.", "Carl Mendes", "he had not given up hope"),
    ("Ana Ruiz, a nurse who lives in Salem, Ore., counts herself among the undecided.", "Ana Ruiz",
     "herself among the undecided"),
])
def test_the_speaker_before_a_town_and_its_region(sentence, speaker, content):
    claims = claims_by_frame(sentence)
    assert any(who == speaker and text == content for text, who, _frame in claims), claims


def test_an_apposition_and_a_name_between_commas_keep_their_readings():
    claims = claims_by_frame("The spokeswoman, Jane Doe, said the car was red.")
    assert [(t, w) for t, w, _f in claims] == [("the car was red", "Jane Doe")]
    claims = claims_by_frame("The mayor of Ames, Iowa, said the bridge would reopen in May.")
    assert [t for t, _w, _f in claims] == ["the bridge would reopen in May"]


@pytest.mark.parametrize("sentence, speaker, content", [
    # a further aside after the town's region
    ("Lisa Stone of Berea, Ky., who runs a bakery, said flour costs had doubled.", "Lisa Stone", "flour costs had doubled"),
    # a country or region the lexicon knows after a town abroad
    ("Pierre Roux of Lyon, France, said the strike would go on.", "Pierre Roux", "the strike would go on"),
])
def test_a_town_and_its_region_before_a_further_aside_or_abroad(sentence, speaker, content):
    claims = claims_by_frame(sentence)
    assert any(who == speaker and text == content for text, who, _frame in claims), claims


@pytest.mark.parametrize("sentence, content", [
    ("Residents of Flint, Mich., said the water was brown.", "the water was brown"),
    ("The shop in Dayton, Ohio, said sales had doubled.", "sales had doubled"),
    ("A striker from Leeds, England, said the club had lost its way.", "the club had lost its way"),
])
def test_a_town_and_its_region_after_a_noun_phrase_is_no_inverted_attribution(sentence, content):
    # (was: the noun phrase and its town the content, the clause after the cue the speaker)
    claims = claims_by_frame(sentence)
    assert [t for t, _w, _f in claims] == [content], claims


def test_a_list_of_states_before_an_inverted_attribution_stays_the_content():
    claims = claims_by_frame("Sales rose in Ohio, Indiana, said the report.")
    assert [(t, w) for t, w, _f in claims] == [("Sales rose in Ohio, Indiana", "the report")], claims
