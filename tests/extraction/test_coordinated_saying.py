"""Where a reported content ends before a second verb of saying coordinated with "and" (`content.CONTENT_TAIL`):
after a comma (", and added that ...") the second verb makes its own claim; without one ("... and asked him
to ...") it goes on with what was said. Sentences written for these tests."""
from tests.extraction.test_rules import claims, only


def test_a_verb_coordinated_without_a_comma_goes_on_with_the_content():
    found, _ = claims("Ruth Kamara said she had spoken to the mayor and asked him to reopen the pier.")
    assert only(found, "spoken to the mayor")[4] == "she had spoken to the mayor and asked him to reopen the pier"
    found, _ = claims("Ruth Kamara blamed the delays on the weather and suggested building a second quay.")
    assert only(found, "delays on the weather")[4].endswith("and suggested building a second quay")


def test_a_verb_coordinated_after_a_comma_makes_its_own_claim():
    found, _ = claims("Ruth Kamara said the depot was closing, and added that the staff would move.")
    assert only(found, "depot was closing")[4] == "the depot was closing"
    second = only(found, "staff would move")
    assert second[3] == "added" and second[1] == "Ruth Kamara"
