"""A relative clause and its head as a source. A non-restrictive "who" speaks for the noun phrase it
follows, named or not ("..., said a board member, who added that ..."): the source was the bare word "who"
when no name ended before it. A lone "Those" before a restrictive "that" keeps its clause ("Those that
stayed insisted ..." gave no claim). Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame


def test_who_after_an_inverted_unnamed_speaker_speaks_for_it():
    claims = claims_by_frame("The plan will fail, said a board member, who added that the board had been warned.")
    assert claims == [("The plan will fail", "a board member", "inverted_clause"),
                      ("that the board had been warned", "a board member", "that_clause")]


def test_who_after_a_named_inverted_speaker_keeps_the_name():
    claims = claims_by_frame("The plan will fail, said Mary Walsh, who added that the board had been warned.")
    assert [c[1] for c in claims] == ["Mary Walsh", "Mary Walsh"]


def test_who_after_an_object_noun_phrase_with_gap_words():
    claims = claims_by_frame("The vote angered the party's top figures, who have openly warned that the seats are at risk.")
    assert claims == [("that the seats are at risk", "the party's top figures", "that_clause")]


def test_which_after_a_thing_names_no_source():
    # A thing's relative clause: "the report" does not become a speaker by the relative-pronoun path.
    claims = claims_by_frame("Officials read the report, which said the money had run out.")
    assert all(c[1] != "the report" for c in claims)


def test_the_phrase_before_who_starts_after_the_previous_sentence():
    claims = claims_by_frame("The vote angered the mayor. Some voters, who warned that the seats are at risk, stayed home.")
    # (the content runs on past the clause's comma: the that-clause's end, not this change's)
    assert [c[1] for c in claims if c[0].startswith("that the seats are at risk")] == ["Some voters"]


def test_a_lone_demonstrative_before_a_restrictive_that_keeps_its_clause():
    # "Those" alone names nobody (a lone determiner is no source): the clause makes it a subject.
    claims = claims_by_frame("Those that stayed insisted the plant was safe.")
    assert claims == [("the plant was safe", "Those that stayed", "learned")]
    assert claims_by_frame("People that know him insist the plant was safe.") == [
        ("the plant was safe", "People", "learned")]


def test_who_after_a_verbs_object_speaks_for_the_object_not_the_clause():
    # A determiner inside the words before "who" opens the last noun phrase: the verb's object speaks.
    claims = claims_by_frame("The club sacked the manager, who insisted that he had done nothing wrong.")
    assert claims == [("that he had done nothing wrong", "the manager", "that_clause")]
    claims = claims_by_frame("The coach dropped the other players, who insisted that they were fit.")
    assert claims == [("that they were fit", "the other players", "that_clause")]


def test_a_quantity_or_a_possessor_keeps_the_phrase_whole():
    claims = claims_by_frame("Reporters asked whether the two men, who insisted that they were innocent, had lied.")
    assert [c[1] for c in claims if c[2] == "that_clause"] == ["the two men"]
    claims = claims_by_frame("The plan will fail, said the mayor's two top aides, who added that the board had been warned.")
    assert [c[1] for c in claims] == ["the mayor's two top aides", "the mayor's two top aides"]
