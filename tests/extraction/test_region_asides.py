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
