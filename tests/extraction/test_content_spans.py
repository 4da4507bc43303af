"""Content spans (claims/content.py): a that-clause is reported with its complementizer, and the
confidence reads the clause after it as before."""
import pytest

from articles.extraction import extract_article, parse
from articles.extraction.claims.content import with_complementizer
from articles.extraction.learned.confidence import features_of


def extract(*paragraphs):
    art = parse("A headline about the town\n\n5 May 2021\n\n" + "\n\n".join(paragraphs) + "\n\n- Town Gazette\n")
    return art, extract_article(art)


def holding(ex, needle):
    found = [c for c in ex.claims if needle in c.text]
    assert len(found) == 1, ex.claims
    return found[0]


@pytest.mark.parametrize(("sentence", "needle", "content"), [
    ("Councillor Mia Brand said that the new tram line would open in the autumn.", "tram line",
     "that the new tram line would open in the autumn"),
    # The rules' other cues and objects before the clause: the "that" still opens it.
    ("Councillor Mia Brand told the Gazette that the depot had flooded twice.", "depot",
     "that the depot had flooded twice"),
    # A short quotation after "that": only with it does the whole clause read as said.
    ("Councillor Mia Brand insisted that “it works.”", "it works", "that “it works.”"),
])
def test_a_that_clause_is_reported_with_its_complementizer(sentence, needle, content):
    art, ex = extract("Mia Brand sits on the town council.", sentence)
    claim = holding(ex, needle)
    assert claim.text == content
    assert art.text[claim.start:claim.end] == claim.text


def test_a_that_before_a_colon_or_inside_a_word_is_not_taken():
    text = "He said that: the depot flooded. The boat that sank. Whathat x"
    colon = text.index("the depot")
    assert with_complementizer(text, colon, colon + 9) == colon
    sank = text.index("sank")  # a relative "that" right before: still a complementizer by its position
    assert with_complementizer(text, sank, sank + 4) == text.index("that sank")
    x = text.index("x")
    assert with_complementizer(text, x, x + 1) == x  # "Whathat" holds no word "that"


def test_the_confidence_reads_the_clause_after_its_complementizer():
    # The same claim with and without the "that" gives the confidence the same features.
    art, ex = extract("Mia Brand sits on the town council.",
                      "Councillor Mia Brand said that the new tram line would open in the autumn.")
    claim = holding(ex, "tram line")
    assert claim.text.startswith("that ")
    with_that = features_of(art.text, claim, ex.entities)
    claim.start += len("that ")
    assert features_of(art.text, claim, ex.entities) == with_that
    assert "prev=that" in with_that


@pytest.mark.parametrize(("sentence", "needle", "content"), [
    # An adjunct with its own relative clause before the complementizer.
    ("Councillor Mia Brand said in a note that was posted to residents that the tram depot would move.",
     "depot", "that the tram depot would move"),
    # A clause set off by commas inside the adjunct.
    ("Councillor Mia Brand said on Friday, when the budget was published, that the tram depot would move.",
     "depot", "that the tram depot would move"),
    # A relative clause after the complementizer is the content's own.
    ("Councillor Mia Brand said on Friday that the depot that was flooded would move.", "depot",
     "that the depot that was flooded would move"),
])
def test_an_adjunct_with_a_clause_of_its_own_is_passed_before_the_complementizer(sentence, needle, content):
    _art, ex = extract("Mia Brand sits on the town council.", sentence)
    assert holding(ex, needle).text == content


def test_a_surname_spelled_like_a_verb_is_no_cue():
    # "Brand" after "Mia" with a lower-case word after it is a name's last word, not the verb "brand"
    art, ex = extract("Mia Brand sits on the town council.", "Councillor Mia Brand insisted that “it works.”")
    assert [c.text for c in ex.claims] == ["that “it works.”"]
