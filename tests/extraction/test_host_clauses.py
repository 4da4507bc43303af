"""A cue inside a reported content (`content.split_host`): a clause subordinate to what was said
("... before / when / until Mr Dunn announced ...") belongs to it, and the host keeps it whole; a clause
set against it after a comma (", and / but / while X argued ...") is another act of saying, and cuts
the host (as "after", the occasion of the host's act: `test_rules.py`). Sentences written for these tests."""
from tests.extraction.test_rules import claims, only

PEOPLE = "Lee Dunn is a senator. Ruth Kamara runs the port."


def test_a_subordinate_clause_with_a_cue_of_its_own_stays_in_the_content():
    found, _ = claims("Ruth Kamara said the depot had flooded twice before Mr Dunn announced the new levee.", PEOPLE)
    said = only(found, "flooded twice")
    assert said[1] == "Ruth Kamara"
    assert said[4].endswith("before Mr Dunn announced the new levee")
    found, _ = claims("Ruth Kamara said she was frustrated when Mr Dunn told her to wait for three hours.", PEOPLE)
    assert only(found, "frustrated")[4].endswith("when Mr Dunn told her to wait for three hours")


def test_a_contrasting_clause_after_a_comma_is_another_claim():
    found, _ = claims("Ruth Kamara said the depot should close, while Mr Dunn argued that it could be saved.", PEOPLE)
    first, second = only(found, "should close"), only(found, "could be saved")
    assert first[1] == "Ruth Kamara" and first[4] == "the depot should close"
    assert second[1] == "Lee Dunn" and "Kamara" not in second[4]


def test_a_coordinated_clause_is_cut_after_a_subordinate_one():
    # The "when" clause before the comma no longer hides the coordination: the host ends there.
    found, _ = claims("Ruth Kamara said the depot would close when the lease ran out next year, and Mr Dunn "
                      "vowed to fight the plan.", PEOPLE)
    first = only(found, "depot would close")
    assert first[1] == "Ruth Kamara" and first[4].endswith("when the lease ran out next year")
    assert only(found, "fight the plan")[1] == "Lee Dunn"
