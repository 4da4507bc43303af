"""A participle of saying after a quotation's closing mark ("saying", "adding") takes no inverted speaker: its
subject stands before it, while "said" inverts ('“...,” said the mayor'). After a quoted term ('thanked the
“Bridge Builders,” saying the town owed them a debt') the words after the participle, a clause, were read as
the speaker of the quoted term. Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame


def test_a_participle_after_a_quoted_term_takes_no_inverted_speaker():
    claims = claims_by_frame("The mayor thanked the “Bridge Builders,” saying the town owed them a debt.")
    assert not any(speaker == "the town owed them a debt" for _, speaker, _ in claims)
    assert not any(text == "“Bridge Builders,”" for text, _, _ in claims)


def test_a_participle_after_a_quotation_leaves_the_subject_speaking():
    claims = claims_by_frame("“We will rebuild,” saying the storm had passed, the mayor thanked the crews.")
    assert ("“We will rebuild,”", "the mayor", "continuation") in claims


def test_said_after_a_quotation_still_inverts():
    assert claims_by_frame("“We will rebuild,” said the mayor.") == [("“We will rebuild,”", "the mayor", "quotes_before")]
