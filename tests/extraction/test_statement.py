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
