"""A learned cue opening a relative clause set off by commas ("Maria Lopez, who cites the figures, said
...") ends its content at the clause's closing comma when a cue the rules placed follows (the main
clause's verb); a relative clause with no clause of its own after the cue reports nothing. Was: the
learned "cites" took "the figures, said the budget was wrong". Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame


def test_a_relative_clause_cue_does_not_run_into_the_main_clause():
    claims = claims_by_frame("Senator Maria Lopez, who cites the figures, said the budget was wrong.")
    assert not any("said" in text for text, _, _ in claims)
    assert ("the budget was wrong", "Maria Lopez", "bare_clause") in claims


def test_a_relative_clause_of_a_thing_after_the_cue_makes_no_claim():
    # "a bill in March" is no clause: the relative clause reports nothing; the main clause keeps its claim.
    claims = claims_by_frame("Jo Sharp, who introduced a bill in March, said in a statement that the plan would fail.")
    assert claims == [("that the plan would fail", "Jo Sharp", "that_clause")]


def test_a_document_with_a_relative_clause_keeps_the_main_clause_claim():
    claims = claims_by_frame("The report, which cites three studies, said the plan would fail.")
    assert claims == [("the plan would fail", "The report", "bare_clause")]


def test_a_relative_clause_whose_object_was_said_gives_its_subject_no_claim():
    # "that the mayor said" is the subject's relative clause: "suggests ..." is the main clause's verb.
    claims = claims_by_frame("Something that the mayor said suggests he will resign.")
    assert not any(speaker == "the mayor" for _, speaker, _ in claims)


def test_what_a_person_said_as_the_subject_gives_no_claim():
    claims = claims_by_frame("What the mayor said is wrong.")
    assert not any(text.startswith("is") for text, _, _ in claims)


def test_a_relative_clause_after_the_main_verb_keeps_its_claim():
    # After the main clause ("Obama backs a tax, which he says ..."), the verb after the cue is the relative
    # clause's own: what he says.
    claims = claims_by_frame("Obama backs a tax, which he says would never win support.")
    assert ("would never win support", "he", "bare_clause") in claims
