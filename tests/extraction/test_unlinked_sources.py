"""Sources the article names that were left without a record (issue #22, claims without a speaker
or an organisation): full names whose surname is an ordinary word, surnames read as places or
peoples, a number ending a clause before a name, one-word organisations and a paper's short name.
Sentences written for these tests."""
from tests.extraction.dated import extraction, speaker_of


def test_a_number_ending_a_clause_is_no_count_of_the_name_after_it():
    ex = extraction("Maria Delgado spoke in Denver on Monday.",
                    "After the storm that flooded 12 towns, Delgado warned that the levees would fail again.")
    assert speaker_of(ex, "the levees would fail again") == ("person", "Maria Delgado")


def test_a_first_name_and_an_ordinary_word_the_tagger_reads_as_a_name_are_a_person():
    ex = extraction("“The schools need the money now,” said Karen Day, the head of the parents’ group.")
    assert speaker_of(ex, "The schools need the money now") == ("person", "Karen Day")


def test_a_surname_that_is_an_ordinary_word_is_the_person_named_in_full():
    ex = extraction("Reporter Michelle Fields said she was pushed at the rally.",
                    "Fields later wrote that the crowd had been hostile to the press.")
    assert speaker_of(ex, "the crowd had been hostile") == ("person", "Michelle Fields")


def test_a_program_name_with_a_first_name_is_no_person():
    ex = extraction("Jane Roe told the Andrew Marr Show that the talks had stalled.")
    assert "Andrew Marr Show" not in {e.name for e in ex.entities if e.kind == "person"}


def test_a_papers_head_word_after_the_is_the_paper_named_in_full():
    ex = extraction("The Washington Post obtained the documents on Friday.",
                    "The Post reported that the company had paid the fines late.")
    assert speaker_of(ex, "the company had paid the fines late") == ("organisation", "Washington Post")
    assert [e.name for e in ex.entities if e.kind == "organisation" and "Post" in e.name] == ["Washington Post"]


def test_one_word_the_tagger_reads_as_an_organisation_is_one():
    ex = extraction("The figures come from a list that ProPublica compiled last year.",
                    "ProPublica reported that the hospitals had overcharged patients.")
    assert speaker_of(ex, "the hospitals had overcharged patients") == ("organisation", "ProPublica")


def test_a_share_of_a_partys_members_speaks_for_the_party_group():
    ex = extraction("In the survey, 40 percent of Democrats said the economy was improving.",
                    "A handful of Republicans in Ohio said the tax would pass.")
    assert speaker_of(ex, "the economy was improving") == ("organisation", "Democrats")
    assert speaker_of(ex, "the tax would pass") == ("organisation", "Republicans")


def test_an_administration_named_after_a_president_the_article_does_not_name_is_a_body():
    ex = extraction("The Bush administration said the program had saved lives in Africa.")
    assert speaker_of(ex, "the program had saved lives") == ("organisation", "Bush administration")


def test_a_places_police_is_an_organisation_that_police_alone_refers_back_to():
    ex = extraction("Tulsa police arrested two men on Monday after the shooting.",
                    "Police said the men were armed.")
    assert speaker_of(ex, "the men were armed") == ("organisation", "Tulsa Police")
    ex = extraction("The police said the road was closed.")
    assert not [e for e in ex.entities if e.name.endswith("Police")]


def test_a_surname_the_tagger_reads_as_a_persons_before_a_cue_verb_is_a_person():
    ex = extraction("The hearing ran late on Tuesday. Comey testified that the budget would close two schools.")
    assert speaker_of(ex, "the budget would close two schools") == ("person", "Comey")
