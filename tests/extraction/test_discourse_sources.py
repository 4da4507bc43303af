"""Claims whose source the article names but the extractor left as words (issue #22: claims with
neither a speaker nor an organisation), read in the discourse stage. Sentences written for these
tests."""

from tests.extraction.dated import extraction, speaker_of


def test_a_live_blogs_clock_time_before_a_known_name_is_no_part_of_the_source():
    ex = extraction("Senator Marcus Whitfield and Governor Elena Brandt spoke in Des Moines.",
                    "Posted by Lena Ortiz, March 2, 2019 2:15PMMarcus Whitfield Says He Would Cut The Farm Subsidy",
                    "Posted by Lena Ortiz, March 2, 2019 2:40PMElena Brandt Says She Would Keep The Fuel Tax")
    assert speaker_of(ex, "Cut The Farm Subsidy") == ("person", "Marcus Whitfield")
    assert speaker_of(ex, "Keep The Fuel Tax") == ("person", "Elena Brandt")


def test_a_list_number_before_a_known_name_is_no_part_of_the_source():
    ex = extraction("Nadia Ferreira said on Monday that the film was finished.",
                    "Colm Brennan said the studio would reopen in May.",
                    "1\nNadia Ferreira Described Being Paid Half Of What The Men Were Paid.",
                    "2\nColm Brennan Explained Why The Union Will Strike In The Autumn.")
    assert speaker_of(ex, "Paid Half") == ("person", "Nadia Ferreira")
    assert speaker_of(ex, "Will Strike In The Autumn") == ("person", "Colm Brennan")


def test_names_signing_a_row_of_readers_quotations_are_people():
    ex = extraction("We asked readers what the debate meant to them.",
                    "“He made me feel that my family does not belong here.” ― Wendell Okafor "
                    "“The most unprepared candidate I have ever seen on a stage.” ― Priya Lindqvist "
                    "“Nobody answered a single question about jobs.” ― Tomasz Kowalczyk")
    assert speaker_of(ex, "my family does not belong here") == ("person", "Wendell Okafor")
    assert speaker_of(ex, "The most unprepared candidate") == ("person", "Priya Lindqvist")
    assert speaker_of(ex, "a single question about jobs") == ("person", "Tomasz Kowalczyk")


def test_words_describing_a_source_stay_words():
    ex = extraction("The Vermont senator said the vote was rigged.",
                    "Experts said the new rules would slow the count.")
    assert speaker_of(ex, "the vote was rigged") is None
    assert speaker_of(ex, "would slow the count") is None


def source_words(ex, words):
    return next(c for c in ex.claims if words in c.text).speaker_text


def test_they_after_a_sentence_opening_with_a_group_no_record_names_is_that_group():
    ex = extraction("Dozens of nurses walked off the ward on Tuesday. They said the shifts had doubled since June.")
    assert source_words(ex, "the shifts had doubled") == "Dozens of nurses"
    assert speaker_of(ex, "the shifts had doubled") is None


def test_they_after_a_group_inside_an_organisation_is_the_organisation():
    ex = extraction("Workers at General Motors walked off the line on Tuesday. They said the shifts had doubled.")
    assert speaker_of(ex, "the shifts had doubled") == ("organisation", "General Motors")


def test_they_after_a_sentence_naming_people_stays_the_pronoun():
    ex = extraction("Mr. Cruz and his aides met the donors on Friday. They said the money would come in May.")
    assert source_words(ex, "the money would come in May") == "They"


def test_a_surname_alone_is_the_one_person_named_in_full_with_it():
    ex = extraction("Investor Mark Cuban spoke to reporters after the game on Sunday.",
                    "2:15PMCuban Says He Would Not Run For Office In 2020")
    assert speaker_of(ex, "Would Not Run For Office") == ("person", "Mark Cuban")


def test_a_surname_two_people_share_names_no_one():
    ex = extraction("Bill Clinton and Hillary Clinton arrived in Iowa on Sunday.",
                    "2:15PMClinton Says The Campaign Will Win Iowa")
    assert speaker_of(ex, "The Campaign Will Win Iowa") is None


def test_they_after_a_group_of_a_persons_people_is_the_groups_words_not_the_person():
    ex = extraction("Mark Dunn's supporters walked out of the hall on Monday.", "They said that the vote was unfair.")
    claim = next(c for c in ex.claims if "vote was unfair" in c.text)
    assert claim.speaker is None and claim.source.text == "Mark Dunn's supporters"
