"""Headlines in title case. A modal's word right before an inflected verb is a name's, not the auxiliary
("May Says", "Theresa May Says": a modal takes the bare verb, "May Say"): was no claim, or the speaker
"Theresa". A telling's words before a colon ("A Story Told Twice:") are a kicker when a title-case
attribution follows the colon: was the speaker "A Story". Sentences written for these tests."""
from articles.extraction.claims import source_words
from tests.extraction.dated import claims_by_frame

BODY = "Prime Minister Theresa May met European leaders in Brussels on Monday."


def _claims(headline, body=BODY):
    return claims_by_frame(body, headline=headline)


def test_a_month_before_an_inflected_cue_is_the_surname():
    assert _claims("Brexit: May Says Deal Is Done") == [("Deal Is Done", "Theresa May", "headline")]
    assert _claims("May Says Deal Is Done") == [("Deal Is Done", "Theresa May", "headline")]
    assert _claims("Theresa May Says Deal Is Done") == [("Deal Is Done", "Theresa May", "headline")]


def test_the_cue_model_reads_the_surname_too():
    assert _claims("Brexit: May Insists Deal Is Done") == [("Deal Is Done", "Theresa May", "learned")]
    assert _claims("May Admits Deal Is Done") == [("Deal Is Done", "Theresa May", "learned")]


def test_a_modal_before_a_bare_verb_stays_a_modal():
    assert not source_words.modal_name("Trump May Say Deal Is Done", len("Trump May"))
    assert source_words.modal_name("Trump May Says Deal Is Done", len("Trump May"))
    assert source_words.modal_name("Brexit: May Warned Of Delay", len("Brexit: May"))
    assert not source_words.modal_name("Brexit: May Pass", len("Brexit: May"))


def test_a_telling_kicker_before_an_attribution_is_no_source():
    body = "The council met on Monday to discuss the plan."
    assert _claims("A Story Told Twice: Mayor Says Budget Is Safe", body) == [("Budget Is Safe", "Mayor", "headline")]


def test_a_telling_with_its_hearer_still_speaks_without_an_attribution_after():
    body = "The council met on Monday to discuss the plan."
    assert _claims("Mayor Warns Council: Budget Is Short", body) == [("Budget Is Short", "Mayor", "headline")]


def test_a_name_opening_with_a_modals_word_speaks_before_an_inflected_cue():
    # "Can Dundar Says", "Will Smith Warns": a question's modal takes the bare verb ("Will Voters Say ...?"),
    # so before "Says" the words are a name (rv23: was no claim).
    assert [(t, s) for t, s, _ in _claims("Can Dundar Says Turkey Jailed Him For Journalism")] == [
        ("Turkey Jailed Him For Journalism", "Can Dundar")]
    assert [s for t, s, _ in _claims("Will Smith Warns Studios Are Failing")] == ["Will Smith"]
    assert source_words.modal_named("Can Dundar Says", 0, 10)
    assert not source_words.modal_named("Will Voters Say", 0, 11)
    assert _claims("Will Voters Say The Economy Is Weak?") == []


def test_a_person_telling_before_an_attribution_still_speaks():
    # The teller's words are the ones looked up, not with the telling ("Jo Hale Told Reporters"; rv23: a
    # person was never found, so the telling was taken for a kicker).
    body = "Mayor Jo Hale met the council on Monday."
    assert [s for _, s, _ in _claims("Jo Hale Told Reporters: Council Says Budget Is Safe", body)] == ["Jo Hale"]
