"""One honorific list for both matching keys (issue 24): declared once, in the extractor's names
module; name_key strips it from the front of any name, person_key's parser reads it as titles."""
import pytest
from nameparser.config import CONSTANTS

from articles.entities import keys
from articles.extraction import names
from articles.models import HONORIFICS as MODEL_HONORIFICS


def test_the_list_is_declared_once_and_shared():
    assert keys.HONORIFICS is names.HONORIFICS is MODEL_HONORIFICS
    assert keys.LEADING_WORDS == names.HONORIFICS | {"the"}


@pytest.mark.parametrize("word", sorted(names.HONORIFICS))
def test_each_honorific_is_dropped_by_both_keys(word):
    title = word.capitalize()
    assert keys.name_key(f"{title} Smith") == keys.name_key("Smith") == "smith"
    assert keys.person_key(f"{title} Anna Smith") == keys.person_key("Anna Smith") == "anna smith"
    assert keys.person_key(f"{title}. Anna Smith") == "anna smith"


def test_sen_without_a_full_stop_is_a_title_too():
    """nameparser's own list lacks "sen" (it knows "Sen." only by its full stop); the shared list adds it,
    without changing nameparser's module-wide constants for anyone else."""
    assert keys.person_key("Sen Bernie Sanders") == keys.person_key("Bernie Sanders") == "bernie sanders"
    assert "sen" not in CONSTANTS.titles


def test_organisation_words_nameparser_calls_titles_stay_in_a_name_key():
    # "General" is a title to nameparser (so "General Mattis" keys as "mattis" for a person), but it is
    # not an honorific: an organisation's key keeps it.
    assert keys.name_key("General Motors") == "general motors"
    assert keys.name_key("The Guardian") == keys.name_key("Guardian") == "guardian"
