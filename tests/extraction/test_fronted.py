"""A cue inside a fronted subordinate clause reports only that clause (issue #22, real pages of other
outlets): `claims/fronted.py`, applied where a reported content is added (`content.add`). Sentences
written here."""
import pytest

from articles.extraction.claims.fronted import clause_end, sentence_start
from tests.extraction.dated import claims_by_frame


def _texts(sentence):
    return [text for text, _, _ in claims_by_frame(sentence)]


@pytest.mark.parametrize("sentence, content, main", [
    ("Although the county coroner concluded that the climber had died of exposure, his brother still doubts it.",
     "that the climber had died of exposure", "his brother"),
    ("While the harbour master says the pier is safe, the ferry company will not dock there.",
     "the pier is safe", "ferry company"),
    ("When the mayor warned that the river would flood, nobody moved the cars.",
     "that the river would flood", "nobody moved"),
    ("After the minister promised to rebuild the bridge, the council cut its own budget.",
     "to rebuild the bridge", "council cut"),
    ("While she has said she expects “a long, hard winter,” the shop is staying open.",
     "she expects “a long, hard winter,”", "staying open"),
    ("When the mayor’s aides suggested that the fair move to May, Mr. Obi was not pleased.",
     "that the fair move to May", "not pleased"),  # a title after the comma opens the main clause
])
def test_the_content_ends_with_the_subordinate_clause(sentence, content, main):
    texts = _texts(sentence)
    assert content in texts
    assert not any(main in t for t in texts)


def test_an_as_clause_attributes_the_main_clause():
    """"As the mayor told reporters, ...": the main clause is what was said; no cut."""
    assert "the budget is tight this year" in _texts("As the mayor told reporters, the budget is tight this year.")


@pytest.mark.parametrize("sentence", [
    "The chief engineer said that the dam, which was built in 1950, is safe.",  # no subordinator
    "Because of the storm, the mayor said the pier, the beach and the car park would close.",  # cue after a comma
])
def test_other_sentences_keep_their_commas(sentence):
    i = sentence.index("said") + len("said ")
    assert clause_end(sentence, lambda pos: False, i - 5, i, len(sentence) - 1) == len(sentence) - 1


@pytest.mark.parametrize("sentence, comma_after", [
    ("When Obi learned that the ferry would stop in Louisville, Ky., she booked a seat.", "Ky."),  # a state
    ("While Obi says the lease runs to May 3, 2030, the landlord disagrees.", "2030"),  # a date's year
    ("While Obi says the yard, and the mill, are closed, the owners disagree.", "closed"),  # a conjunction
])
def test_a_comma_inside_the_clause_does_not_end_it(sentence, comma_after):
    cue = sentence.index(" ", sentence.index("Obi") + 4)
    start = cue + 1
    end = clause_end(sentence, lambda pos: False, cue - 3, start, len(sentence) - 1)
    assert sentence[:end].endswith(comma_after)


def test_a_fronted_despite_phrase_ends_at_its_comma():
    text = "Despite the council’s claims that the road was safe, two lorries overturned."
    start = text.index("that") + 5
    assert text[start:clause_end(text, lambda pos: False, start - 12, start, len(text) - 1)] == "the road was safe"


def test_a_title_or_an_initial_does_not_end_the_sentence():
    text = "He left. Though Mr. Trump’s aides said U.S. talks were over, the deal stood."
    assert text[sentence_start(text, text.index("said")):].startswith("Though")


@pytest.mark.parametrize("sentence, content", [
    ("While the treasurer said he had “no idea,” bank records show he signed the cheque.", "he had “no idea,”"),
    ("Although the landlord insisted the flat was “perfectly safe,” tenants had reported mould.",
     "the flat was “perfectly safe,”"),
])
def test_a_quotation_closing_the_clause_before_a_lower_case_subject(sentence, content):
    """The main clause after the quotation's comma may open with a lower-case noun ("bank records show")."""
    texts = _texts(sentence)
    assert content in texts and not any(t.startswith(content) and len(t) > len(content) for t in texts)


def test_the_clause_goes_on_past_a_quotation_before_and():
    texts = _texts("While he said he had “no idea,” and the records were lost, the audit went ahead.")
    assert "he had “no idea,” and the records were lost" in texts
