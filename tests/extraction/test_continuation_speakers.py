"""Who a quotation no cue claims belongs to, and who a headline's name is (issue #22): a partial
quotation inside a sentence whose subject is a person continues that subject, not the paragraph's
earlier speaker; a headline's "Name:" resolves to the person the body names."""
from articles.extraction import extract_article, parse
from tests.extraction.test_resolver import prepared


def extract(body: str, headline: str = "A headline"):
    return extract_article(parse(headline + "\n\n5 May 2021\n\n" + body + "\n\n- Town Gazette\n"))


def speaker_of(ex, words: str):
    for c in ex.claims:
        if words in c.text:
            return ex.entities[c.speaker].name if c.speaker is not None else None
    raise AssertionError(f"no claim holds {words!r}: {[c.text for c in ex.claims]}")


def test_a_partial_quotation_continues_its_sentences_subject_not_the_earlier_speaker():
    ex = extract("\"The plan is dead,\" Mayor Peter Grant said on Monday. Councillor Lucy Chen walked out before "
                 "the vote over his \"reckless contempt for the voters of this town.\"")
    assert speaker_of(ex, "reckless contempt") == "Lucy Chen"
    assert speaker_of(ex, "The plan is dead") == "Peter Grant"


def test_a_quotation_opening_its_sentence_still_continues_the_paragraphs_speaker():
    ex = extract("Mayor Peter Grant spoke for an hour. \"The plan is dead,\" he said. "
                 "\"We will not build the road, not this year and not next year.\"")
    assert speaker_of(ex, "We will not build the road") == "Peter Grant"


def test_a_headline_speaker_named_by_first_name_resolves_to_that_person():
    ex = extract("Lucy Chen spoke in Dover on Monday. Peter Grant was there too. Chen said the mothers were wrong.",
                 headline="Lucy: Critics Were Wrong to Call Me a Liar.")
    head = [c for c in ex.claims if c.frame == "headline"]
    assert head and ex.entities[head[0].speaker].name == "Lucy Chen"


def test_a_headline_speaker_the_body_names_by_surname_only_resolves_to_that_person():
    ex = extract("A guy just won the primary. Coulter said the race was over, and Coulter added that she was glad.",
                 headline="Ann Coulter: And Then There Was the One.")
    head = [c for c in ex.claims if c.frame == "headline"]
    assert head and head[0].speaker is not None and ex.entities[head[0].speaker].name == "Coulter"


def test_a_first_name_two_people_share_names_no_one_in_a_headline():
    ex = extract("Lucy Chen spoke in Dover on Monday. Lucy Grant was there too. Chen said the mothers were wrong.",
                 headline="Lucy: Critics Were Wrong to Call Me a Liar.")
    head = [c for c in ex.claims if c.frame == "headline"]
    assert head and head[0].speaker is None


def rules_speaker_of(body: str, words: str):
    """The rules' speaker (the sources and discourse stages, before the learned resolver)."""
    _, entities, _, claims, _ = prepared(body)
    claim = next(c for c in claims if words in c.text)
    return entities[claim.speaker].name if claim.speaker is not None else None


def test_an_expletive_it_names_no_organisation():
    assert rules_speaker_of("The Harbour Trust bought the pier in May. It was said at the time that the council "
                            "would approve the sale.", "council would approve") is None


def test_it_said_takes_an_organisation_named_just_before():
    ex = extract("The Harbour Trust bought the pier in May. It said the pier would reopen in June.")
    assert speaker_of(ex, "pier would reopen") == "Harbour Trust"


def test_it_said_does_not_reach_an_organisation_named_paragraphs_before():
    assert rules_speaker_of("The Harbour Trust bought the pier in May.\n\n"
                            "The town grew quickly after the war. Farms gave way to houses. Shops opened on the main "
                            "street. A school was built near the river. The old mill closed. Tourists began to arrive "
                            "in summer.\n\nIt said the pier would reopen in June.", "pier would reopen") is None
