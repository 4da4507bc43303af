"""A headline kicker before a colon ("NFL:", "Match Report:", "The Latest:") is no part of the headline's
sentence: when what follows the colon is a title-case attribution of its own ("Rovers Say Keeper Is Fit"),
the kicker is no source, and the cue model reads only the words after the colon. Was: "Match Report" spoke
"Rovers Say Keeper Is Fit", and after "NFL:" the model took no cue. A person the article names before the
colon still speaks, and a subordinate clause ("If Obama Says It, ...") is no attribution of its own.
Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame

BODY = "The council met on Monday to discuss the plan."


def _claims(headline, body=BODY):
    return claims_by_frame(body, headline=headline)


def test_a_document_kicker_before_an_attribution_is_no_source():
    assert _claims("Match Report: Fans Say Rovers Deserved The Win") == [("Rovers Deserved The Win", "Fans", "headline")]
    assert _claims("Poll: Voters Say The Economy Is Getting Worse") == [("The Economy Is Getting Worse", "Voters", "headline")]


def test_the_model_reads_the_headline_after_a_kicker():
    assert _claims("NFL: Senators Say Budget Will Pass") == [("Budget Will Pass", "Senators", "headline")]
    assert _claims("Sport: Senators Say Budget Will Pass") == [("Budget Will Pass", "Senators", "headline")]
    # (a "Say" line is the headline rule's since forms.subject_says; a verb it leaves is the model's)
    assert _claims("NFL: Senators Insist Budget Will Pass") == [("Budget Will Pass", "Senators", "learned")]


def test_a_person_the_article_names_before_the_colon_still_speaks():
    body = "Mayor Jo Sharp said on Monday that the plan was wrong."
    claims = _claims("Sharp: Rivals Say The Plan Is Fine", body)
    assert ("Rivals Say The Plan Is Fine", "Jo Sharp", "headline") in claims


def test_a_subordinate_clause_after_the_colon_is_no_attribution():
    claims = _claims("Report: If Rivals Say It, It Must Be True")
    assert claims == [("If Rivals Say It, It Must Be True", "Report", "headline")]
