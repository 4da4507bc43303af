"""After a subject the speaker search cannot cross ("The coach of the Rovers, who was sacked in May, said
that ..."; a relative clause with a comma inside, whose content `relatives.main_clause_cut` ends before the
main verb), the words after the cue were read as an inverted speaker though they are a clause: "that the
players had let him down", "talks had failed" spoke the subject and its relative clause. A clause after the
cue ("that ...", a finite auxiliary within a few words, no relative pronoun before it) is no speaker.
Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame


def test_a_that_clause_after_the_cue_is_no_inverted_speaker():
    claims = claims_by_frame("The coach of the Rovers, who was sacked in May, said that the players had let him down.")
    assert ("that the players had let him down", "The coach of the Rovers", "learned") in claims
    assert not any(frame == "inverted_clause" for _, _, frame in claims)


def test_a_bare_clause_after_the_cue_is_no_inverted_speaker():
    claims = claims_by_frame("Jo Sharp, who warned that the strike, in her view, would go on, said talks had failed.")
    assert claims == [("that the strike, in her view, would go on", "Jo Sharp", "that_clause"),
                      ("talks had failed", "Jo Sharp", "learned")]


def test_a_speaker_with_a_relative_clause_after_the_cue_still_speaks():
    claims = claims_by_frame("The talks had failed, said officials who have seen the minutes.")
    assert claims == [("The talks had failed", "officials", "inverted_clause")]


def test_a_speaker_with_a_whose_clause_after_the_cue_still_speaks():
    # "whose" opens a relative clause as "who" does: "farmers whose crops were ..." is the speaker, no clause.
    claims = claims_by_frame('"We lost everything," said farmers whose crops were ruined by the storm.')
    assert [text for text, _, _ in claims] == ['"We lost everything,"']
    assert claims[0][1].startswith("farmers")
