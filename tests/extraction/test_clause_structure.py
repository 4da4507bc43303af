"""Structural attribution forms from outlets other than the tuning corpus (issue #22): an aside between
a subject and its cue, a cue inside a condition, a document's findings, a signed social post. Each
test names the clause structure, not a phrase, and uses sentences written here."""
import pytest

from tests.extraction.dated import claims_by_frame

INTRO = ("Norvale Foods, a maker of frozen meals, is based in Ohio. Jane Holloway is the Health Secretary. "
         "Tom Baker is a nurse in Leeds.")


claims = claims_by_frame


def one(needle, *paragraphs):
    hits = [c for c in claims(*paragraphs) if needle in c[0]]
    assert len(hits) == 1, (needle, claims(*paragraphs))
    return hits[0]


# -- an aside between the subject and the cue -------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The company, which is expected to report its earnings next week, confirmed that it would cut 500 jobs.",
    "The company, one of the largest employers in the county, said it would cut 500 jobs.",
    "The company, under pressure from its lenders for months, said it would cut 500 jobs.",
    "The company, asked about the plant by reporters in Columbus, said it would cut 500 jobs.",
])
def test_the_subject_before_a_relative_clause_apposition_or_participle_speaks(sentence):
    text, speaker, _ = one("500 jobs", INTRO, sentence)
    assert speaker.lower() in ("the company", "norvale foods")
    # The content is the clause after the cue, whole: the aside's words are not the speaker's claim.
    assert text.removeprefix("that ").startswith("it would cut 500 jobs")


def test_an_aside_after_a_name_between_a_closing_quote_and_the_cue():
    text, speaker, frame = one("ten thousand nurses", INTRO,
                               "“We will hire ten thousand nurses this year,” Ms Holloway, who took office in 2017, "
                               "said on Tuesday.")
    assert speaker == "Jane Holloway" and frame == "quotes_before"
    assert "took office" not in text


def test_an_age_between_a_name_and_the_cue():
    text, speaker, _ = one("ten thousand nurses", INTRO, "“We will hire ten thousand nurses,” Ms Holloway, 54, said.")
    assert speaker == "Jane Holloway"


def test_a_clause_before_the_aside_is_no_speaker():
    # "Growth slowed" is a clause, not a subject: the inverted speaker after the cue speaks.
    text, speaker, _ = one("factories", INTRO,
                           "Orders at factories fell sharply, which surprised many, said Ms Holloway.")
    assert speaker == "Jane Holloway"


# -- a cue inside a condition -----------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "If the minister says the budget is too small, the plan will be dropped in the spring.",
    "The plan will be dropped unless officials say the budget is large enough for the spring.",
    "The plan will go ahead if Ms Holloway agrees to the budget next month, aides expect.",
])
def test_a_verb_of_saying_inside_a_condition_is_no_attribution(sentence):
    assert not [c for c in claims(INTRO, sentence) if "budget is" in c[0] or c[0].startswith("to the budget")]


def test_a_condition_ends_at_its_comma_and_the_main_clause_cue_still_counts():
    text, speaker, _ = one("hospitals", INTRO, "If the budget passes, Ms Holloway said, hospitals will hire nurses.")
    assert speaker == "Jane Holloway"


# -- a document's own findings ----------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "source"), [
    ("A review by the ministry found hospitals had missed their targets for three years.", "a review by the ministry"),
    ("The study concluded that the new drug cut deaths from heart disease by a third.", "the study"),
    ("The outlet has previously established that the firm paid no tax in 2016.", "the outlet"),
])
def test_a_report_or_study_states_its_findings(sentence, source):
    text, speaker, _ = claims(INTRO, sentence)[0]
    assert speaker.lower() == source
    assert not text.lower().startswith(("found", "concluded", "established"))


def test_a_person_who_found_something_needs_that_for_a_clause():
    # "found the keys" is no finding reported: only a document takes a clause without "that".
    assert not [c for c in claims(INTRO, "Tom Baker found the keys of the ward under a chair in the hall.")
                if "keys" in c[0]]


# -- a signed social post ---------------------------------------------------------------------------

def test_a_post_signed_with_a_handle_is_the_signers():
    text, speaker, frame = one("stay open", INTRO, "Ms Holloway answered on social media.",
                               "Our hospitals will stay open. Every one of them. https://t.co/Ab12Cd "
                               "— Jane Holloway (@JHollowayMP) March 2, 2019")
    assert speaker == "Jane Holloway" and frame == "signed_post"
    assert text == "Our hospitals will stay open. Every one of them."


def test_a_signature_alone_under_the_post_names_its_author():
    text, speaker, _ = one("faster than", INTRO, "A nurse replied within minutes.",
                           "Nurses are leaving faster than you can hire them.",
                           "— Tom Baker (@tombaker_rn) March 2, 2019")
    assert speaker == "Tom Baker" and text == "Nurses are leaving faster than you can hire them."


def test_an_organisation_signs_its_post():
    text, speaker, _ = one("new plant", INTRO,
                           "<tweet author=\"@norvale\">We open our new plant in Dayton today pic.twitter.com/x1y2 "
                           "— Norvale Foods (@norvale) March 2, 2019</tweet>")
    assert speaker == "Norvale Foods" and text == "We open our new plant in Dayton today"


def test_a_line_signing_the_quotation_above_names_its_speaker():
    for signature in ("- Tom Baker.", "—Tom Baker, speaking at the hospital gates."):
        text, speaker, frame = one("faster than", INTRO, '"Nurses are leaving faster than you can hire them."',
                                   signature, "The figures bear him out.")
        assert speaker == "Tom Baker" and frame == "signature", signature
        assert text == '"Nurses are leaving faster than you can hire them."'
    # A line naming no person of the article signs nothing; nor does one under plain text.
    assert not [c for c in claims(INTRO, '"Nurses are leaving faster than you can hire them."', "- Reuters.")
                if "faster than" in c[0] and c[1] == "Reuters"]
    assert not [c for c in claims(INTRO, "Nurses are leaving faster than anyone can hire them.", "- Tom Baker.")
                if "faster than" in c[0]]


# -- a trailing clause naming the occasion of speaking ------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Ms Holloway said the hospitals would get more money, while visiting a clinic in Leeds on Monday.",
    "Ms Holloway said the hospitals would get more money, when asked about the cuts by a reporter.",
    "Ms Holloway said the hospitals would get more money, speaking to nurses in Leeds.",
])
def test_a_trailing_clause_of_the_speaker_is_not_what_was_said(sentence):
    text, speaker, _ = one("more money", INTRO, sentence)
    assert speaker == "Jane Holloway" and text == "the hospitals would get more money"


def test_a_participle_without_a_comma_belongs_to_the_content():
    # "while visiting Leeds" is the nurses' doing here, inside the content.
    text, _, _ = one("nurses", INTRO, "Ms Holloway said nurses had been attacked while visiting patients at home.")
    assert text == "nurses had been attacked while visiting patients at home"


@pytest.mark.parametrize("sentence", [
    "Ms Holloway told reporters the hospitals would get more money.",
    "Ms Holloway told the Leeds Evening Post the hospitals would get more money.",
])
def test_the_hearer_of_told_is_not_part_of_the_clause(sentence):
    text, _, frame = one("more money", INTRO, sentence)
    assert text == "the hospitals would get more money" and frame == "told_object_clause"



# -- "according to X" as a parenthetical inside its clause ------------------------------------------

@pytest.mark.parametrize("sentence, content", [
    ("Among the harbour rules at risk, according to Ms. Pell, are the fishing permits and the night ferry.",
     "Among the harbour rules at risk, according to Ms. Pell, are the fishing permits and the night ferry"),
    ("One Sunday in late May, according to a new history of the harbour, the mayor closed the pier.",
     "One Sunday in late May, according to a new history of the harbour, the mayor closed the pier"),
])
def test_a_parenthetical_according_to_leaves_its_clause_whole(sentence, content):
    text, _, frame = one("harbour rules" if "rules" in sentence else "mayor closed", sentence)
    assert (text, frame) == (content, "according_to")


@pytest.mark.parametrize("sentence", [
    "The ferry is late again, according to the harbour office, which blamed the weather.",
    "The ferry is late again, according to the harbour office, in a notice posted on Monday.",
    "The ferry is late again, according to the harbour office.",
])
def test_according_to_after_a_whole_clause_ends_the_content(sentence):
    text, source, frame = one("ferry is late", sentence)
    assert (text, source, frame) == ("The ferry is late again", "the harbour office", "according_to")


def test_a_person_who_found_a_clause_without_that_reports_it():
    # The finite verb ("had risen") makes it a clause: a finding, even with no "that".
    assert [c for c in claims(INTRO, "Tom Baker found the waiting lists had risen by a third since May.")
            if "waiting lists" in c[0]]
