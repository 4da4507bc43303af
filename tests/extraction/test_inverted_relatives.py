"""A restrictive relative clause after an inverted speaker describes the speaker ("The files were never
opened, said a former official who oversaw such inquiries."): the content is the clause before the cue,
not the relative clause, which gave the claim "who oversaw such inquiries" and lost the statement.
Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame


def test_the_clause_before_an_inverted_source_with_a_relative_clause_is_the_content():
    claims = claims_by_frame("The files were never opened, said one analyst who follows the company.")
    assert claims == [("The files were never opened", "one analyst", "inverted_clause")]


def test_a_relative_clause_with_whose_describes_the_speakers_too():
    claims = claims_by_frame("The deal is dead, said two people whose firms bid for the contract.")
    assert claims == [("The deal is dead", "two people", "inverted_clause")]


def test_a_named_speaker_with_a_relative_clause_speaks_the_clause_before():
    claims = claims_by_frame("The deal is dead, said Jo Sharp who runs the firm.")
    assert claims == [("The deal is dead", "Jo Sharp", "inverted_clause")]


def test_a_relative_clause_before_a_participle_reads_as_without_it():
    # "..., said a banker, adding that ..." gives the two claims; the relative clause changes nothing.
    claims = claims_by_frame("The deal is dead, said a banker who advised the buyer, adding that talks had ended.")
    assert claims == [("The deal is dead", "a banker", "inverted_clause"), ("that talks had ended", "a banker", "that_clause")]


def test_a_relative_clause_after_a_comma_describes_the_speaker_too():
    # Non-restrictive ("..., said Jo Sharp, who runs the firm."): as the apposition it stands in for.
    claims = claims_by_frame("The deal is dead, said Jo Sharp, who runs the firm.")
    assert claims == [("The deal is dead", "Jo Sharp", "inverted_clause")]


def test_a_relative_clause_with_which_after_an_organisation_describes_it():
    claims = claims_by_frame("Prices will rise next year, said the central bank, which cut its forecast.")
    assert claims[:1] == [("Prices will rise next year", "the central bank", "inverted_clause")]


def test_a_relative_clause_followed_by_a_lower_case_clause_is_still_a_parenthesis():
    # "The firm, said Jo Sharp, who runs it, will close.": the sentence goes on after the aside.
    claims = claims_by_frame("The firm, said Jo Sharp, who runs it, will close in May.")
    assert ("The firm", "Jo Sharp", "inverted_clause") not in claims
