"""Bylines: a writer's name in a byline is no source candidate for the claims around it (issue #22).
Sentences written for these tests."""
from articles.extraction.claims.bylines import byline_spans
from tests.extraction.dated import extraction, speaker_of


def names(text):
    return [text[a:b] for a, b in byline_spans(text)]


def test_a_by_line_names_its_writers():
    assert names("By Jo Hale and Sam Reyes\nWASHINGTON — The vote was close.") == ["Jo Hale and Sam Reyes"]
    assert names("By Jo Hale, Associated Press\nThe vote was close.") == ["Jo Hale, Associated Press"]
    assert names("Posted by Lena Ortiz, March 2, 2019 2:40PM") == ["Lena Ortiz, March"]


def test_an_author_line_and_a_correspondents_line_name_their_writer():
    assert names("Lena Ortiz | Staff Writer\nThe vote was close.") == ["Lena Ortiz"]
    assert names("Lena Ortiz, March 2, 2019\nThe vote was close.") == ["Lena Ortiz"]
    assert names("Lena Ortiz reports from Kyiv.\nThe vote was close.") == ["Lena Ortiz"]


def test_a_time_a_possessor_an_age_or_a_source_introducing_a_quotation_is_no_byline():
    assert names("By Monday morning, the mayor had resigned.") == []
    assert names("By July 2013, the show had a name.") == []
    assert names("By Jo Hale's own count, the vote was close.") == []
    assert names("Jo Hale, 58, a retiree from Ames, said the vote was close.\n") == []
    assert names("Jo Hale reports:\n“The vote was close.”") == []
    assert names("The report was posted by Jo Hale, the senator, on Monday.") == []


def test_a_posts_byline_is_no_speaker_of_the_claim_after_it():
    ex = extraction("Senator Marcus Whitfield and Governor Elena Brandt spoke in Des Moines.",
                    "Posted by Lena Ortiz, March 2, 2019 2:40PMElena Brandt Says She Would Keep The Fuel Tax",
                    "Posted by Lena Ortiz, March 2, 2019 3:05PMMarcus Whitfield Says He Would Cut The Farm Subsidy")
    assert speaker_of(ex, "Keep The Fuel Tax") == ("person", "Elena Brandt")
    assert speaker_of(ex, "Cut The Farm Subsidy") == ("person", "Marcus Whitfield")


def test_a_sentence_opening_with_by_is_no_byline():
    # "By Christmas, officials said ...": the line goes on as a sentence after the words (rv23: the names
    # of the sentence were taken for a byline's, "Christmas, Jo Hale", and "Then, X" passed as a name).
    assert names("By Christmas, officials said the bridge would reopen.") == []
    assert names("By Christmas, Jo Hale, the mayor, had left the city.") == []
    assert names("By Comparison, the city spent less.") == []
    assert names("By Then, Jo Hale had left.") == []
    assert names("By Jo Hale, staff writer\nThe vote was close.") == ["Jo Hale"]
    assert names("By Jo Hale, Associated Press WASHINGTON (AP) — The mayor said the vote was close.") == ["Jo Hale"]
    assert names("Posted by Lena Ortiz, March 2, 2019 2:40PM The mayor said the vote was close.") == ["Lena Ortiz, March"]
