"""Nested attributions: an attribution trailing its sentence is no part of an inner claim's content, and the
inner claim keeps its own speaker (the trailing source only reports the words: a fact-checker asks who made
the claim); a content with no speaker of its own takes the trailing source (issue #22). Sentences written for
these tests."""
from tests.extraction.dated import claims_by_frame


def speakers(rows, words):
    return {speaker for text, speaker, frame in rows if words in text and frame != "according_to"}


def reporter(rows, words):
    """The source of the "according to" claim whose content holds the inner attribution."""
    return {speaker for text, speaker, frame in rows if words in text and frame == "according_to"}


def test_a_quotation_inside_a_trailing_according_to_keeps_its_speaker():
    rows = claims_by_frame("Governor Elena Brandt spoke at the fairground on Friday.",
                           "“We will not raise the fuel tax,” Brandt said at the rally, according to the Des Moines "
                           "Register.")
    assert speakers(rows, "We will not raise the fuel tax") == {"Elena Brandt"}
    assert reporter(rows, "We will not raise the fuel tax") == {"Des Moines Register"}


def test_a_reported_clause_inside_a_trailing_according_to_keeps_its_speaker():
    rows = claims_by_frame("Senator Marcus Whitfield met his staff on Monday.",
                           "Whitfield told aides that the subsidy would end in May, according to two people in the "
                           "room.")
    assert speakers(rows, "the subsidy would end in May") == {"Marcus Whitfield"}
    assert reporter(rows, "the subsidy would end in May") == {"two people"}


def test_an_attribution_after_a_leading_according_to_keeps_its_own_speaker():
    rows = claims_by_frame("Governor Elena Brandt spoke at the fairground on Friday.",
                           "According to the Register, the fuel tax will stay. Brandt said she would veto any rise.")
    assert speakers(rows, "she would veto any rise") == {"Elena Brandt"}


def test_a_content_running_over_a_trailing_attribution_ends_before_it():
    rows = claims_by_frame("Senator Marcus Whitfield met his staff on Monday.",
                           "Whitfield said the subsidy would end in May, people familiar with the meeting said.")
    assert ("the subsidy would end in May", "Marcus Whitfield", "bare_clause") in rows
    rows = claims_by_frame("Governor Elena Brandt and her aide Tom Reyes toured the plant.",
                           "Brandt promised to keep the fuel tax until the budget is passed, Reyes said on Tuesday.")
    assert speakers(rows, "to keep the fuel tax") == {"Elena Brandt"}
    assert not any("Reyes said" in text for text, _, _ in rows)


def test_a_quotation_before_a_trailing_attribution_keeps_its_closing_mark():
    rows = claims_by_frame("Governor Elena Brandt and the Des Moines Register's editors met on Friday.",
                           "Brandt called the plan “a tax on every farmer in the state,” the Des Moines Register "
                           "reported.")
    assert any(text.endswith("every farmer in the state,”") and speaker == "Elena Brandt"
               for text, speaker, _ in rows)


def test_a_pronoun_trailing_the_sentence_is_left_to_the_rules():
    rows = claims_by_frame("Governor Elena Brandt spoke on Friday.",
                           "Brandt said she would veto the bill, he said.")
    assert speakers(rows, "she would veto the bill") == {"Elena Brandt"}


def test_an_according_to_inside_a_quotation_is_the_quoted_speakers_words():
    rows = claims_by_frame("Governor Elena Brandt spoke to the farm bureau on Friday.",
                           "Brandt said that “the fuel tax pays for every rural road, according to the state's own "
                           "figures,” and that it would stay.")
    assert ("that “the fuel tax pays for every rural road", "Elena Brandt", "that_clause") in rows


def test_a_bare_source_noun_trailing_the_sentence_ends_the_content():
    # ", sources said" and ", officials said Monday": the source noun is the whole trailing source (rv23).
    rows = claims_by_frame("The governor said the fire was an accident, sources said.",
                           "The mayor said the bridge would reopen, officials said Monday.")
    texts = {text for text, _, _ in rows}
    assert "the fire was an accident" in texts and "the bridge would reopen" in texts
    assert speakers(rows, "the fire was an accident") == {"The governor"}


def test_a_trailing_attribution_with_its_medium_or_what_it_cites_ends_the_content():
    # ", the budget office said in a report", ", Reuters reported, citing two sources" (rv23: the content
    # ran over them); a clause after the medium is the attribution's own content, not its medium.
    rows = claims_by_frame("The mayor said the plan would cost $5 million, the budget office's auditors said in a report.",
                           "The mayor said the bridge would close, Reuters reported, citing two sources.")
    texts = {text for text, _, _ in rows}
    assert "the plan would cost $5 million" in texts and "the bridge would close" in texts
    assert speakers(rows, "the bridge would close") == {"The mayor"}
    from articles.extraction.claims.nested import _TRAILING
    assert _TRAILING.search("the plan would fail, the company said in the city that taxes rose.") is None
