"""A claim's words as a statement (`text.statement`): what check-worthiness and matching read."""
import pytest

from articles.extraction.text import statement


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
