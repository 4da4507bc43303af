"""A cue the rules place inside a relative clause set off by commas ("Jo Sharp, who argued that ...,
said ...") ends its content at the comma before the main clause's verb of saying; the main clause then
makes its own claim. Was: one claim ran the relative clause's content on into the main clause's
("that the plan would fail, said the board had been warned"). Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame


def test_a_that_clause_in_a_relative_clause_ends_before_the_main_verb():
    claims = claims_by_frame("Jo Sharp, who argued that the plan would fail, said the board had been warned.")
    assert claims == [("that the plan would fail", "Jo Sharp", "that_clause"),
                      ("the board had been warned", "Jo Sharp", "bare_clause")]


def test_a_bare_clause_in_a_relative_clause_and_other_main_verbs():
    assert claims_by_frame("The mayor, who said the plan would fail, warned that the board had been told.") == [
        ("the plan would fail", "The mayor", "bare_clause"),
        ("that the board had been told", "The mayor", "that_clause")]
    claims = claims_by_frame("Jo Sharp, who argued that the plan would fail, told reporters the board had been warned.")
    assert claims == [("that the plan would fail", "Jo Sharp", "that_clause"),
                      ("the board had been warned", "Jo Sharp", "told_object_clause")]


def test_a_time_between_the_pronoun_and_the_cue():
    claims = claims_by_frame("Jo Sharp, who on Tuesday argued that the plan would fail, said that the board knew.")
    assert [text for text, _, _ in claims] == ["that the plan would fail", "that the board knew"]


def test_a_firm_in_a_which_clause():
    claims = claims_by_frame("Acme Corp, which has warned that sales are falling, said on Monday it would cut jobs.")
    assert claims == [("that sales are falling", "Acme Corp", "that_clause"),
                      ("it would cut jobs", "Acme Corp", "bare_clause")]


def test_a_relative_clause_with_its_own_subject_is_not_cut():
    # "which Ann Lee conceded": the pronoun is the object, the clause's subject is its own; the thing
    # before "which" says nothing.
    claims = claims_by_frame("The victory, which Ann Lee conceded when the polls closed, confirmed that the party had won.")
    assert not any(speaker == "The victory" for _, speaker, _ in claims)


def test_a_participle_of_saying_inside_the_content_is_no_main_verb():
    # "reported to be", "reported by": a reduced relative inside the relative clause's
    # content, not the main clause's verb (was: the content cut to "that the fund").
    claims = claims_by_frame("Jo Sharp, who said that the fund, reported to be worth $2 billion, was safe, "
                             "told reporters it would grow.")
    assert claims[0] == ("that the fund, reported to be worth $2 billion, was safe", "Jo Sharp", "that_clause")
    claims = claims_by_frame("Jo Sharp, who said that the plan, reported by the Times, was dead, told reporters it would fail.")
    assert claims[0] == ("that the plan, reported by the Times, was dead", "Jo Sharp", "that_clause")

    # A "by" of time after the main verb names no agent: "said by the end of ..." is the main clause's verb.
    claims = claims_by_frame("Jo Sharp, who warned that prices would rise, said by the end of the year the rate would be 5%.")
    assert claims[0] == ("that prices would rise", "Jo Sharp", "that_clause")


def test_a_verb_after_an_aside_that_an_auxiliary_opened_goes_on_with_the_content():
    # "had, reportedly, agreed": the content's own clause resumes after the aside (was: "the club had, reportedly").
    claims = claims_by_frame("Jo Sharp, who said the club had, reportedly, agreed a fee, said the talks were over.")
    assert claims == [("the club had, reportedly, agreed a fee", "Jo Sharp", "bare_clause"),
                      ("the talks were over", "Jo Sharp", "bare_clause")]


def test_the_main_clause_after_an_apposition_and_a_relative_clause_is_the_named_persons():
    # "who" speaks for Ann Lee (past the apposition); the main verb's subject is the same, not the person the
    # apposition names ("John Smith") nor the apposition ("a lawyer"), as the cut made a claim of it.
    claims = claims_by_frame("Ann Lee, a lawyer for John Smith, who has denied that he took bribes, said the case was weak.")
    assert claims == [("that he took bribes", "Ann Lee", "that_clause"), ("the case was weak", "Ann Lee", "bare_clause")]
    claims = claims_by_frame("Ann Lee, a lawyer, who has denied that he took bribes, said the case was weak.")
    assert claims[-1] == ("the case was weak", "Ann Lee", "bare_clause")
