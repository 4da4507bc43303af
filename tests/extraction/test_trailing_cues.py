"""A cue that ends its sentence after the content (issue #22, real articles from other outlets): the
words after the cue or after its inverted speaker say where, when or to whom it was said, not what.
Sentences written here."""
import pytest

from tests.extraction.dated import claims_by_frame

INTRO = "Maria Lopez is a spokeswoman for the Ferris County transport agency. The bridge has been closed since May."
CONTENT = "The bridge will reopen in the spring after repairs to its deck"


def claims(*paragraphs):
    return claims_by_frame(*paragraphs, headline="A headline about bridges")


@pytest.mark.parametrize("tail", [
    "the agency said in a statement posted on its website.",
    "the agency said at a news conference in the capital on Tuesday.",
    "the agency said during a hearing of the county board.",
])
def test_the_place_or_medium_after_the_cue_is_no_content_the_clause_before_is(tail):
    out = claims(INTRO, f"{CONTENT}, {tail}")
    assert [c[0] for c in out] == [CONTENT], out


@pytest.mark.parametrize("hearer", ["the local newspaper", "reporters on Monday", "The Daily Example"])
def test_told_and_its_hearer_ending_the_sentence_attribute_the_clause_before(hearer):
    out = claims(INTRO, f"{CONTENT}, a city engineer told {hearer}.")
    assert [(c[0], c[1]) for c in out] == [(CONTENT, "a city engineer")], out


@pytest.mark.parametrize("after", [
    ", a spokeswoman for the agency.",
    " on Thursday.",
    " in a statement on Thursday, a day after the county board met.",
])
def test_an_inverted_speaker_may_be_followed_by_an_apposition_or_a_time(after):
    for cue in ("said", "says"):
        out = claims(INTRO, f"{CONTENT}, {cue} Maria Lopez{after}")
        assert [(c[0], c[1]) for c in out] == [(CONTENT, "Maria Lopez")], out


@pytest.mark.parametrize("sentence", [
    "The closure was announced in a letter published on Friday in the county newsletter.",
    "The engineers testified for several hours on the state of the deck.",
])
def test_a_verb_of_saying_followed_by_a_preposition_places_no_content_after_it(sentence):
    assert all(not c[0].startswith(("in ", "for ")) for c in claims(INTRO, sentence)), claims(INTRO, sentence)


@pytest.mark.parametrize("sentence, content", [
    ("The mayor said about 40 people had come to the meeting.", "about 40 people had come to the meeting"),
    ("The mayor said of the plan, “It is the best we could do.”", "“It is the best we could do.”"),
    ("The mayor said in an interview that the bridge was safe.", "the bridge was safe"),
])
def test_words_after_the_preposition_that_go_on_to_a_clause_or_a_quotation_still_count(sentence, content):
    assert any(content in c[0] for c in claims(INTRO, sentence)), claims(INTRO, sentence)


def test_an_inverted_speaker_inside_the_sentence_does_not_cut_its_subject_off():
    # The sentence goes on past the apposition ("..., needs a new deck"): a parenthetical speaker, not
    # a content that ends at the cue.
    out = claims(INTRO, "This bridge, says Maria Lopez, a spokeswoman for the agency, needs a new deck.")
    assert ("This bridge", "Maria Lopez", "inverted_clause") not in out, out


@pytest.mark.parametrize("tail", ["the workers were told at a meeting.", "residents have been told by the agency."])
def test_a_passive_told_has_its_hearer_for_a_subject_no_speaker(tail):
    out = claims(INTRO, f"{CONTENT}, {tail}")
    assert not [c for c in out if c[1] in ("the workers", "residents")], out


@pytest.mark.parametrize("tail", ["a deal announced at the start of the week.", "a gain reported at the close of trading."])
def test_a_participle_after_an_indefinite_noun_is_an_apposition_no_speaker(tail):
    out = claims(INTRO, f"{CONTENT}, {tail}")
    assert not [c for c in out if c[1] in ("a deal", "a gain")], out


def test_a_source_noun_before_the_participle_is_still_the_speaker():
    out = claims(INTRO, f"{CONTENT}, a spokesman announced at a briefing on Friday.")
    assert [(c[0], c[1]) for c in out] == [(CONTENT, "a spokesman")], out


@pytest.mark.parametrize("when", ["Monday", "Monday afternoon", "Nov. 18", "November 18", "at the time"])
def test_a_date_between_the_cue_and_its_that_is_no_content(when):
    out = claims(INTRO, f"The agency announced {when} that the bridge will reopen in the spring.")
    assert [c[0] for c in out] == ["that the bridge will reopen in the spring"], out


def test_a_month_without_its_day_is_no_date_but_a_hearer():
    out = claims(INTRO, "The agency told May that the bridge will reopen in the spring.")
    assert [c[0] for c in out] == ["that the bridge will reopen in the spring"], out


def test_a_time_between_a_learned_cue_and_its_that_is_no_content():
    out = claims(INTRO, "Both drivers claimed at the time that the bridge was unsafe.")
    assert ("that the bridge was unsafe", "Both drivers", "learned") in out, out


@pytest.mark.parametrize("when", ["Friday", "Nov. 18", "Monday morning"])
def test_a_clause_after_the_date_is_the_content_not_an_adjunct_before_a_relative_that(when):
    # wire style: the date, then a bare clause whose noun takes a relative "that"
    out = claims(INTRO, f"The agency said {when} it had found cracks that need repair before the bridge reopens.")
    assert len(out) == 1 and out[0][0].endswith("it had found cracks that need repair before the bridge reopens"), out


@pytest.mark.parametrize("when", ["Friday", "on Friday", "Monday morning", "last week", "yesterday"])
def test_a_time_right_after_the_cue_opens_no_bare_clause(when):
    # wire style: "said Friday it had found ...": the time is the saying's, the content is the clause after it
    out = claims(INTRO, f"The agency said {when} it had found cracks that need repair before the bridge reopens.")
    assert [c[0] for c in out] == ["it had found cracks that need repair before the bridge reopens"], out


def test_an_adjunct_holds_no_finite_verb_so_a_relative_that_is_no_complementizer():
    out = claims(INTRO, "The agency said on Friday it had found cracks that need repair before the bridge reopens.")
    assert out and not out[0][0].startswith("that"), out


def test_a_noun_with_a_relative_clause_after_the_cue_opens_a_bare_clause():
    out = claims(INTRO, "The agency said on Tuesday the bridge, which was closed in May, would reopen in the spring.")
    assert [c[0] for c in out] == ["the bridge, which was closed in May, would reopen in the spring"], out


def test_a_noun_whose_relative_clause_ends_the_sentence_is_the_cues_object():
    # no verb after the relative clause: the noun is what was said, not a clause's subject
    out = claims(INTRO, "The agency said the word, which shocked the engineers at the bridge.")
    assert not any(c[0].startswith("the word, which") for c in out), out
    # an abbreviation's dot inside the relative clause does not end it
    out = claims(INTRO, "The agency said the engineers, who work for Mr. Hale, would finish the deck in May.")
    assert [c[0] for c in out] == ["the engineers, who work for Mr. Hale, would finish the deck in May"], out


def test_a_weekday_that_opens_a_name_is_no_time_of_the_saying():
    out = claims(INTRO, "The agency said Sunday Times reporters had been given the wrong date for the reopening.")
    assert [c[0] for c in out] == ["Sunday Times reporters had been given the wrong date for the reopening"], out
    out = claims(INTRO, "The agency said Monday Ferris County would pay for the repairs to the deck.")
    assert [c[0] for c in out] == ["Ferris County would pay for the repairs to the deck"], out
