"""A document's maker named by the text is the claim's organisation (issue #22, claims without a
speaker or an organisation): "a report from the Harwood Civic Institute", "A new Brennick poll". A
document named only by its noun, a person's, a place's or two makers' document stays words.
Sentences written for these tests."""
from articles.extraction import extract
from articles.extraction.claims import org_names
from articles.extraction.types import Block, Speaker
from tests.extraction.dated import extraction, speaker_of


def claims_of(text):
    ex = extract(text, [Block("paragraph", 0, len(text))])
    return ex, {c.text: (ex.entities[c.speaker].kind, ex.entities[c.speaker].name) if c.speaker is not None else None
                for c in ex.claims}


def test_a_report_from_an_institute_speaks_for_the_institute():
    _, got = claims_of("Turnout fell, according to a report from the Harwood Civic Institute released on Monday.")
    assert got == {"Turnout fell": ("organisation", "Harwood Civic Institute")}


def test_an_analysis_by_a_research_center_speaks_for_the_center():
    _, got = claims_of("According to an analysis by the Dunmore Research Center, rents rose by 4 percent.")
    assert got == {"rents rose by 4 percent": ("organisation", "Dunmore Research Center")}


def test_a_poll_named_by_its_pollster_speaks_for_the_pollster():
    _, got = claims_of("In the spring, a Brennick Polling Group survey found that most voters back the levy.")
    assert got == {"that most voters back the levy": ("organisation", "Brennick Polling Group")}


def test_a_document_named_by_its_noun_a_place_or_a_topic_stays_words():
    for text in ("The poll found that most voters back the levy.",
                 "A New Hampshire poll found that most voters back the levy.",
                 "A recent poll of Ohio voters found that most voters back the levy."):
        _, got = claims_of(text)
        assert list(got.values()) == [None], text
    # the same sentence naming a maker after the noun does speak for it
    _, got = claims_of("Most voters back the levy, according to a recent poll from the Brennick Institute.")
    assert list(got.values()) == [("organisation", "Brennick Institute")]


def test_a_persons_document_or_two_makers_make_no_organisation():
    ex, got = claims_of("Senator Jane Roe spoke in Dayton. One Roe ad says that the mayor lied to voters.")
    # the resolver may name Roe or keep the phrase's words ("One Roe ad"); never an organisation "Roe"
    assert got["that the mayor lied to voters"] in {("person", "Jane Roe"), None}
    assert [e.name for e in ex.entities if e.kind == "organisation"] == []
    _, got = claims_of("Costs rose, according to a report from Brennick College-Harwood Institute.")
    assert got == {"Costs rose": None}


def test_a_possessor_or_the_tail_of_a_longer_name_is_no_maker():
    _, got = claims_of("According to a report from the Harwood Institute's inspector general, the files were lost.")
    assert got == {"the files were lost": None}
    _, got = claims_of("The Rock the Vote Youth Poll found that most voters back the levy.")
    assert list(got.values()) == [None]
    # a source cut inside a longer name ("... Vote Youth Poll") is no maker's name; one after "A" is
    text = "The Rock the Vote Youth Poll found it. A Harwood poll agreed."
    assert org_names._name_goes_on(text, text.index("Vote Youth"))
    assert not org_names._name_goes_on(text, text.index("Harwood"))


def test_registry_papers_are_not_made_by_the_registry():
    def maker(text, words):
        start = text.index(words)
        return org_names._maker(text, Speaker(None, words, start, start + len(words)))

    text = "Harwood Election Board filings show that the campaign spent $4 million. A Brennick poll agrees."
    assert maker(text, "Harwood Election Board filings") is None
    assert maker(text, "A Brennick poll") == ("Brennick", text.index("Brennick"), False)


def test_the_maker_mention_is_recorded():
    ex, _ = claims_of("Turnout fell, according to a report from the Harwood Civic Institute released on Monday.")
    org = next(i for i, e in enumerate(ex.entities) if e.name == "Harwood Civic Institute")
    assert any(m.entity == org and m.text == "Harwood Civic Institute" for m in ex.mentions)


def test_the_maker_links_inside_a_dated_article():
    ex = extraction("Rents are rising.", "Rents rose by 4 percent, according to an analysis by the Dunmore Research Center.")
    assert speaker_of(ex, "Rents rose by 4 percent") == ("organisation", "Dunmore Research Center")


def test_according_to_a_publications_name_speaks_for_the_publication():
    _, got = claims_of("The number is closer to 15 percent, according to Pollwatch.org. He disagreed.")
    assert got["The number is closer to 15 percent"] == ("organisation", "Pollwatch.org")
    _, got = claims_of("Ships wait for days, according to PortWatch.")
    assert got["Ships wait for days"] == ("organisation", "PortWatch")


def test_according_to_a_document_a_person_or_a_place_ties_no_new_organisation():
    ex, got = claims_of("Incomes fell by 2 percent, according to Harwood County data.")
    assert got["Incomes fell by 2 percent"] is None
    ex, got = claims_of("Jane Roe spoke on Monday. The plan failed, according to Roe.")
    assert got["The plan failed"] == ("person", "Jane Roe")
    ex, got = claims_of("The plan failed, according to Texas.")
    assert got["The plan failed"] is None


def test_an_according_to_name_ends_at_its_sentence():
    ex, got = claims_of("Turnout rose by 4 percent, according to PollWatch.\n\nNow the count goes on.")
    assert got["Turnout rose by 4 percent"] == ("organisation", "PollWatch")


def test_according_to_a_bare_surname_makes_no_organisation():
    # a single capitalised word with no mark of an organisation may be anyone's surname
    for text in ("The plan failed, according to Kowalczyk.", "According to Brannigan, the plan failed.",
                 "The plan failed, according to McAllister."):
        ex, got = claims_of(text)
        assert list(got.values()) == [None], text
        assert not [e for e in ex.entities if e.kind == "organisation"], text


def test_according_to_a_name_with_an_organisations_marks_makes_one():
    for text, name in (("Costs rose, according to the Harwood Civic Institute.", "Harwood Civic Institute"),
                       ("Costs rose, according to Harwoodcheck.org.", "Harwoodcheck.org"),
                       ("Costs rose, according to QMBR.", "QMBR"),
                       ("Costs rose, according to Battleground.", "Battleground"),  # a word as a title
                       ("Costs rose, according to Harwood Pollster.", "Harwood Pollster")):
        _, got = claims_of(text)
        assert got == {"Costs rose": ("organisation", name)}, text


def test_any_modifier_before_the_noun_and_a_dated_participle_before_the_maker():
    for text in ("Costs rose, according to an internal report from the Brennick Institute.",
                 "Costs rose, according to a draft review from the Brennick Institute.",
                 "Costs rose, according to a report released Monday by the Brennick Institute.",
                 "Costs rose, according to a study published last week by the Brennick Institute."):
        _, got = claims_of(text)
        assert got == {"Costs rose": ("organisation", "Brennick Institute")}, text


def test_when_the_document_came_out_is_no_part_of_its_makers_name():
    # "released ...", "out ...", "in <month>" after the noun: the maker before the noun still speaks
    for text in ("A Harwood University poll released on Monday found that most voters back the levy.",
                 "A Brennick Institute survey out this week found that most voters back the levy.",
                 "A Harwood College poll in June found that most voters back the levy."):
        _, got = claims_of(text)
        assert ("organisation", text.split(" poll")[0].split(" survey")[0][2:]) in got.values(), text
    # a place's poll stays words, however it came out
    _, got = claims_of("A New Hampshire poll released Monday found that most voters back the levy.")
    assert list(got.values()) == [None]


def test_a_maker_cut_from_a_joint_name_is_no_maker():
    # the source's words start inside "Brennick Times/Harwood News": two makers, not Harwood News alone
    text = "A Brennick Times/Harwood News poll conducted last week found that rents rose."
    ex, _ = claims_of(text)
    start = text.index("Harwood News")
    claim = ex.claims[0]
    end = text.index(" conducted")
    claim.speaker, claim.source = None, Speaker(None, text[start:end], start, end)
    assert org_names.document_authors(text, [claim], ex.entities, ex.mentions, {}) == 0
