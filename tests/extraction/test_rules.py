"""Extraction behaviours on small hand-written articles (pure Python, no database)."""
from decimal import Decimal

import pytest

from articles.extraction import extract_article, parse


def article(*paragraphs, date="3 March 2019", publisher="The Daily Example"):
    body = "\n\n".join(paragraphs)
    return parse(f"A headline about things\n\n{date}\n\n{body}\n\n- {publisher}\n")


def claims(*paragraphs, **kw):
    art = article(*paragraphs, **kw)
    ex = extract_article(art)
    out = []
    for c in ex.claims:
        assert art.text[c.start:c.end] == c.text
        spk = ex.entities[c.speaker].name if c.speaker is not None else None
        out.append((c.kind, spk, c.speaker_text, c.cue, c.text))
    return out, ex


def only(found, needle):
    hits = [c for c in found if needle in c[4]]
    assert len(hits) == 1, (needle, found)
    return hits[0]


# -- direct quotes -------------------------------------------------------------------------
def test_quote_then_said():
    found, _ = claims("Jane Holloway, the Health Secretary, visited a hospital on Monday.",
                      "“We will hire ten thousand nurses,” Ms Holloway said.")
    kind, spk, text, cue, claim = only(found, "ten thousand nurses")
    assert (kind, spk, text, cue) == ("quote", "Jane Holloway", "Ms Holloway", "said")
    assert claim == "“We will hire ten thousand nurses,”"


def test_said_colon_quote_and_told_object_colon():
    found, _ = claims("Peter Grant said: \"The budget is balanced for the first time in a decade.\"",
                      "He told the Financial Times: \"Nobody expected this to happen so quickly.\"")
    assert only(found, "budget is balanced")[1] == "Peter Grant"
    kind, spk, text, cue, _ = only(found, "Nobody expected")
    assert (kind, spk, text, cue) == ("quote", "Peter Grant", "He", "told")


def test_inverted_said_name():
    found, _ = claims('"The river has never been this high," said Maria Lopez, a local farmer.')
    assert only(found, "river has never")[1] == "Maria Lopez"


def test_quote_continues_over_next_paragraph_with_no_cue():
    # News style runs a long quotation over paragraphs: the paragraph that opens with a quotation and
    # no cue continues the one before, and the two are one claim of one speaker.
    found, _ = claims("Tom Baker told reporters: “The factory will close in June.",
                      "“Every worker will be offered a job at the new plant.”")
    first, second = only(found, "factory will close"), only(found, "Every worker")
    assert first == second
    assert first[1] == "Tom Baker" and first[3] == "told"
    assert first[4].endswith("at the new plant.”")


def test_split_quote_is_one_claim():
    found, _ = claims('"We will appeal," Sarah Chen said, "because the ruling ignores the evidence."')
    claim = only(found, "We will appeal")
    assert "ignores the evidence" in claim[4] and claim[1] == "Sarah Chen"


# -- reported speech -----------------------------------------------------------------------
@pytest.mark.parametrize("sentence, cue, content", [
    ("Robert Hale said that the bridge would reopen in May.", "said", "that the bridge would reopen in May"),
    ("Robert Hale warned that prices would rise again.", "warned", "that prices would rise again"),
    ("Robert Hale admitted that mistakes had been made.", "admitted", "that mistakes had been made"),
    ("Robert Hale told the BBC that the talks had failed.", "told", "that the talks had failed"),
    ("Robert Hale accused the council of wasting money.", "accused", "the council of wasting money"),
    ("Robert Hale urged ministers to act quickly.", "urged", "ministers to act quickly"),
    ("Robert Hale praised the nurses for their courage.", "praised", "the nurses for their courage"),
    ("Robert Hale will say that the reforms are working.", "say", "that the reforms are working"),
    ("Robert Hale emphasised that no decision had been taken.", "emphasised", "that no decision had been taken"),
])
def test_reported_speech_cues(sentence, cue, content):
    found, _ = claims(sentence)
    kind, spk, _, got_cue, text = only(found, content.split()[2])
    assert (kind, spk, got_cue, text) == ("reported", "Robert Hale", cue, content)


def test_mixed_quote_in_reported_speech():
    found, _ = claims("Anna Weiss said the plan was “dead in the water” after the vote.")
    kind, spk, _, _, text = only(found, "dead in the water")
    assert kind == "reported" and spk == "Anna Weiss" and text.startswith("the plan was “dead")


def test_coordinated_cues_share_the_speaker():
    found, _ = claims("Officials at the Home Office believe that it will be hard but emphasised that the policy stands.")
    first, second = only(found, "it will be hard"), only(found, "the policy stands")
    assert first[1] == second[1] == "Home Office"
    assert "emphasised" not in first[4]


def test_nested_cue_with_its_own_subject_splits_the_claim():
    found, _ = claims("Mark Ellis warned that members had become “too dependent” on aid after Mr Dunn accused "
                      "them of failing to pay.", "Lee Dunn is a senator.")
    assert only(found, "too dependent")[1] == "Mark Ellis"
    assert "accused" not in only(found, "too dependent")[4]
    assert only(found, "failing to pay")[1] == "Lee Dunn"


# -- speakers ------------------------------------------------------------------------------
def test_pronouns_resolve_to_the_right_person():
    found, _ = claims("Mrs Karen Blake met Mr Omar Haddad in Paris.",
                      "She said that the meeting had gone well.",
                      "Mr Haddad disagreed. He said that nothing had been agreed.")
    assert only(found, "gone well")[1] == "Karen Blake"
    assert only(found, "nothing had been agreed")[1] == "Omar Haddad"


def test_anonymous_sources_speak_for_their_organisation():
    found, _ = claims("Ministry of Defence officials are worried.",
                      "“The situation is deteriorating by the hour,” the official said.",
                      "Another Ministry of Defence source said that troops were ready.")
    assert only(found, "deteriorating")[1] == "Ministry of Defence"
    assert only(found, "troops were ready")[1] == "Ministry of Defence"


def test_role_alone_resolves_to_the_holder_named_in_the_article():
    found, ex = claims("Helen Ward, the Chief Constable, opened the station.",
                       "The Chief Constable will say that crime has fallen.")
    assert only(found, "crime has fallen")[1] == "Helen Ward"


def test_role_alone_resolves_through_reference_knowledge_on_the_article_date():
    found, _ = claims("Theresa May visited Leeds.", "The Prime Minister said that the economy was strong.",
                      date="2 February 2017")
    assert only(found, "economy was strong")[1] == "Theresa May"


# -- people and organisations ----------------------------------------------------------------
def test_name_variants_are_one_person_and_places_are_not_people():
    _, ex = claims("Sir Alan Porter arrived at Mansion House from Trump Tower in New York.",
                   "Sir Alan said that he was pleased. Mr Porter later left for Bagram Airfield.")
    people = [e for e in ex.entities if e.kind == "person"]
    assert [p.name for p in people] == ["Alan Porter"]
    assert {"Sir Alan Porter", "Sir Alan", "Mr Porter"} <= set(people[0].aliases)


def test_honorifics_are_not_part_of_the_name_and_roles_become_affiliations():
    _, ex = claims("Nigel Hart, the Green Party leader, spoke. Mr Hart said that he was ready.")
    (p,) = [e for e in ex.entities if e.kind == "person"]
    assert p.name == "Nigel Hart" and p.gender == "m"
    assert ("Green Party leader", "Green Party") in p.roles


def test_organisation_aliases_merge():
    _, ex = claims("Fighters from Isil attacked the town. ISIS later claimed the attack.",
                   "The European Union met in Brussels. The EU said that talks would resume.")
    orgs = {e.name: e for e in ex.entities if e.kind == "organisation"}
    assert {"ISIS", "Isil"} <= set(orgs["Isil"].aliases)
    assert "EU" in orgs["European Union"].aliases


# -- statistics ----------------------------------------------------------------------------
def stats(*paragraphs):
    _, ex = claims(*paragraphs)
    return [(s.value, s.unit, s.qualifier, s.previous_value, s.text) for s in ex.statistics]


@pytest.mark.parametrize("sentence, value, unit", [
    ("Unemployment reached 4.5% in March.", Decimal("4.5"), "percent"),
    ("Turnout was 62 per cent this time.", Decimal("62"), "percent"),
    ("Prices rose 3 percent last year.", Decimal("3"), "percent"),
    ("The scheme cost £2.5bn over a decade.", Decimal("2500000000"), "currency"),
    ("They raised $40 million for the campaign.", Decimal("40000000"), "currency"),
    ("Some 400,000 people have fled the city.", Decimal("400000"), "count"),
    ("Rescuers found four survivors in the rubble.", Decimal("4"), "count"),
    ("The army sent 16 other soldiers to the base.", Decimal("16"), "count"),
])
def test_statistic_forms(sentence, value, unit):
    (st,) = stats(sentence)
    assert (st[0], st[1]) == (value, unit)


def test_change_is_one_statistic_with_a_previous_value():
    (st,) = stats("Spending has fallen from 1.7 per cent of income to 1.4 percent on average.")
    assert (st[0], st[1], st[3]) == (Decimal("1.4"), "percent", Decimal("1.7"))


def test_qualifier():
    (st,) = stats("Belgium and Spain spent less than one per cent last year.")
    assert (st[0], st[1], st[2]) == (Decimal("1"), "percent", "less than")


@pytest.mark.parametrize("sentence", [
    "The talks will last the next three months.",
    "He was elected on 14 November 2016 in a close race.",
    "It was their first interview in nearly two years.",
    "It is the number one priority for the year 2017.",
    "The Boeing 747 landed at Gate 12.",
    "She is 45-year-old and lives nearby.",
])
def test_not_statistics(sentence):
    assert stats(sentence) == []
