"""Who hears the words is not who says them: the addressee of a verb of saying ("told the Herald",
"speaking to Sky News") is not the subject the rules find before a cue, and a person's name set off
as the apposition of a role ("The press secretary, Marcus Dale, told ...") is (issue #22: "..., told
a TV network" gave the quote to the network)."""
from .dated import extraction, speaker_of
from .test_resolver import prepared


def claim_with_in(claims, words):
    return next(c for c in claims if words in c.text)


def claim_with(ex, words):
    return claim_with_in(ex.claims, words)


def test_a_participle_naming_the_hearer_between_subject_and_cue_is_skipped():
    ex = extraction("The minister met union leaders in Leeds on Monday.",
                    "Another official speaking to Sky News said, “The inspectors are looking at the donations.”")
    c = claim_with(ex, "The inspectors are looking")
    assert c.speaker is None and c.speaker_text == "Another official"


def test_a_hearer_after_talking_with_leaves_the_noun_phrase_before_it():
    ex = extraction("The committee sat until late on Thursday.",
                    "A senior aide talking with reporters said the bill was dead.")
    assert claim_with(ex, "the bill was dead").speaker_text == "A senior aide"


def test_a_named_speaker_before_speaking_to_keeps_the_claim():
    ex = extraction("Council members voted on the budget in March.",
                    "Jane Holloway speaking to the BBC said that the budget would fail.")
    assert speaker_of(ex, "the budget would fail") == ("person", "Jane Holloway")


def test_a_name_in_apposition_to_a_role_speaks_not_the_outlet_told():
    # The rules alone (no resolver after them): the subject before "told" is the apposition's person.
    _, entities, _, claims, _ = prepared(
        "The minister met union leaders in Leeds on Monday.",
        "The press secretary, Marcus Dale, told the Herald that the minister regretted the decision.",
        "The union’s founder, Ann Lee, told the Gazette that the strike would go on.")
    for words, name in (("the minister regretted", "Marcus Dale"), ("the strike would go on", "Ann Lee")):
        c = claim_with_in(claims, words)
        assert (entities[c.speaker].kind, entities[c.speaker].name) == ("person", name)
    ex = extraction("The minister met union leaders in Leeds on Monday.",
                    "The press secretary, Marcus Dale, told the Herald that the minister regretted the decision.")
    assert speaker_of(ex, "the minister regretted") == ("person", "Marcus Dale")


def test_a_later_anonymous_source_does_not_inherit_the_outlet_told():
    ex = extraction("The press secretary, Marcus Dale, told the Herald that the minister regretted the decision.",
                    "Officials at the ministry were divided over the plan.",
                    "“The staff do not like him,” this source told the Gazette.")
    c = claim_with(ex, "The staff do not like him")
    assert c.speaker is None or ex.entities[c.speaker].kind == "person"


def test_an_organisation_in_apposition_is_not_taken_for_a_person():
    ex = extraction("The talks ended without a deal on Friday.",
                    "The largest lender, Barclays Bank, said that rates would rise.")
    c = claim_with(ex, "rates would rise")
    assert c.speaker is None or ex.entities[c.speaker].kind == "organisation"
