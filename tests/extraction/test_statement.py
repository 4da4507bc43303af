"""A claim's words as a statement (`text.statement`): what check-worthiness and matching read."""
import pytest

from articles.extraction.text import reviewed_wording, statement


@pytest.mark.parametrize("content, said", [
    ("that the plan works.", "the plan works."),
    ("that “the border is closed.”", "“the border is closed.”"),
    ("that was wrong.", "that was wrong."),            # a demonstrative subject, not a complementizer
    ("that kind of spending must stop.", "that kind of spending must stop."),
    ("the plan works.", "the plan works."),
    ("thatch roofs burn.", "thatch roofs burn."),
])
def test_a_that_clause_is_read_without_its_complementizer(content, said):
    assert statement(content) == said


@pytest.mark.parametrize("content, wording", [
    ("‘The ward is full,’ she said. ‘We moved beds into the corridors.’", "The ward is full. We moved beds into the corridors."),
    ("'We will,' Jo Sharp added, 'win this seat.'", "We will win this seat."),
    ("“We will,” Jo Sharp added, “win this seat.”", "We will win this seat."),
    # An apostrophe in a name is no closing mark.
    ("Mr O’Neill said ‘the seat is ours’ and left.", "Mr O’Neill said ‘the seat is ours’ and left."),
])
def test_a_quotation_split_by_its_attribution_is_worded_whole_in_either_marks(content, wording):
    assert reviewed_wording(content) == wording



@pytest.mark.parametrize("content", [
    # Dialogue quoted inside a quotation keeps its own "I said": only the claim's own marks split it.
    "“Ann told me, ‘We are leaving on Friday.’ And I said, ‘Then go tonight.’”",
    "‘Tom told me, “We are leaving on Friday.” And I said, “Then go tonight.”’",
    # The wires' two apostrophes are a double mark: neither is a single mark's half.
    "''We are leaving on Friday,'' Jo Sharp added. ''Then go tonight.''",
])
def test_a_quotation_inside_the_claim_is_not_joined_across_its_attribution(content):
    wording = reviewed_wording(content)
    assert ("And I said" in wording) or ("Jo Sharp added" in wording), wording


@pytest.mark.parametrize("content", [
    # A straight mark opening the quotation is no closing one, nor the one closing it an opening one.
    '"To a point,"', '"Nobody told me the plan,"', "'Nobody told me the plan,'", '"Let me tell you the plan," ',
])
def test_a_quotation_in_straight_marks_is_no_split_quote(content):
    assert reviewed_wording(content) == content.strip(" ,\"'").rstrip(",")
