"""A source's request for anonymity is the terms of the reporting, not a claim (issue #22; rv23 left
"…, who asked not to be named" as a claim). Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame

CONTEXT = "Acme Corp runs a plant in Ohio."


def texts(sentence):
    return [text for text, _, _ in claims_by_frame(CONTEXT, sentence)]


def test_asked_not_to_be_named_is_no_claim_and_the_statement_stays():
    got = texts("The plant will close in March, said an official at the company, who asked not to be named.")
    assert got == ["The plant will close in March"]


def test_declined_to_be_identified_with_its_reason_is_no_claim():
    got = texts("Two officials, who declined to be identified because they were not authorized to speak, said "
                "the deal was off.")
    assert got == ["the deal was off"]


def test_a_request_that_is_no_anonymity_is_still_a_claim():
    assert "residents not to drive on Friday" in texts("The mayor asked residents not to drive on Friday.")
    assert "she wanted to be named to the board" in texts("The mayor said she wanted to be named to the board.")
