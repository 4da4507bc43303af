"""Who speaks for an organisation the article named (issue #22, claims without a speaker or an
organisation): "Administration officials", "lawyers for the department", "Democratic leaders" are the
organisation's voice when a word of its name tells it; a place, a people or a person's name does not,
and a description alone ("the company") stays words. Sentences written for these tests."""
from articles.extraction import extract_article, parse
from articles.extraction.claims import org_names, phrases
from tests.extraction.dated import extraction, speaker_of


def test_officials_named_by_the_head_noun_of_an_organisation_named_before_speak_for_it():
    ex = extraction("The Obama administration issued the grazing rules on Monday.",
                    "Administration officials said the rules would cut costs for ranchers.")
    assert speaker_of(ex, "the rules would cut costs") == ("organisation", "Obama administration")


def test_lawyers_for_the_department_speak_for_the_department_named_before():
    ex = extraction("The Justice Department filed the suit against the county in April.",
                    "Lawyers for the department said the county had ignored three warnings.")
    assert speaker_of(ex, "the county had ignored three warnings") == ("organisation", "Justice Department")


def test_a_partys_leaders_speak_for_the_party_the_article_named():
    ex = extraction("The Democratic Party opened its convention in Denver on Friday.",
                    "Democratic leaders said the platform was final.")
    assert speaker_of(ex, "the platform was final") == ("organisation", "Democratic Party")


def test_a_persons_spokesman_is_no_voice_of_an_organisation_sharing_the_name():
    art = parse("A headline about the vote\n\n3 March 2019\n\nSenator Maria Delgado toured the plant. The Delgado "
                "Foundation paid for the trip.\n\nA Delgado spokesman said the visit had been planned for months.\n")
    ex = extract_article(art)
    c = next(c for c in ex.claims if "the visit had been planned" in c.text)
    assert c.speaker is None or ex.entities[c.speaker].name != "Delgado Foundation"
    # the linker itself leaves the phrase alone (the resolver may still choose the person)
    start = art.text.index("A Delgado spokesman")
    linker = phrases._Linker(art.text, ex.entities, ex.mentions)
    assert linker.affiliated_org(["A", "Delgado", "spokesman"], start, start + len("A Delgado spokesman")) is None


def test_a_place_or_a_people_before_officials_tells_no_organisation():
    ex = extraction("The Arizona Democratic Party held its caucus on Tuesday.",
                    "Some Arizona officials said the lines were too long.")
    assert speaker_of(ex, "the lines were too long") is None


def test_a_description_alone_and_a_group_stay_words():
    # Tying "the company" to the company named before lost speakers in cross-validation: the
    # annotators name such a source by its words (see claims/phrases.py).
    ex = extraction("Halvorsen Motors recalled 40,000 cars on Tuesday.",
                    "The company said no injuries had been reported.",
                    "Some experts said the recall came too late.")
    assert speaker_of(ex, "no injuries had been reported") is None
    assert speaker_of(ex, "the recall came too late") is None



def test_a_source_whose_words_are_an_organisations_name_speaks_for_it():
    ex = extraction("The hearing is set for May.",
                    "Congress has said that it will act before the recess.",
                    "The independent Commission on Harbour Safety says the pier was never inspected.")
    assert speaker_of(ex, "it will act before the recess") == ("organisation", "Congress")
    assert speaker_of(ex, "the pier was never inspected") == ("organisation", "Commission on Harbour Safety")


def test_a_dateline_a_person_described_by_a_place_and_a_poll_are_no_organisations_names():
    ex = extraction("The Texan said the border bill would fail in the House.",
                    "The Harwood Civic Poll found that most voters backed the bill.")
    assert speaker_of(ex, "the border bill would fail") is None
    assert speaker_of(ex, "most voters backed the bill") is None
    assert not [e for e in ex.entities if e.kind == "organisation" and e.name in ("Texan", "Harwood Civic Poll")]


def test_names_the_tagger_reads_as_an_organisations_but_naming_a_poll_or_members_make_no_record():
    def tagged(name):  # every word of the name tagged an organisation's
        return {i: "ORG" for i in [0] + [k + 1 for k, ch in enumerate(name) if ch == " "]}

    def org(name, bare=True):
        entities = []
        i = org_names._organisation(name, 0, {}, entities, tagged(name), bare=bare)
        return entities[i].name if i is not None else None

    assert org("Harwood Civic Trust") == "Harwood Civic Trust"
    assert org("Harwood") == "Harwood" and org("Harwood", bare=False) is None  # "the Harwood": no name alone
    assert org("Harwood Civic Poll") is None
    assert org("Democrats on the Rules Committee") is None
    assert org("Harwood and Stone") is None
    assert org("Newspapers") is None and org("Congress") == "Congress"  # a plural head word alone: a group


def test_an_executive_or_an_analyst_of_an_organisation_named_before_speaks_for_it():
    ex = extraction("Brennick Motors closed its plant in Dayton on Friday.",
                    "A Brennick executive said the work would move to Mexico.")
    assert speaker_of(ex, "the work would move to Mexico") == ("organisation", "Brennick Motors")
    ex = extraction("The Harwood Budget Office published its forecast on Monday.",
                    "Budget analysts said the deficit would fall.")
    assert speaker_of(ex, "the deficit would fall") == ("organisation", "Harwood Budget Office")


def test_a_voice_from_one_place_is_no_voice_of_another_places_body():
    art = parse("A headline about the race\n\n3 March 2019\n\nThe Ohio Harwood Party met in Columbus on Friday.\n\n"
                "One Florida Harwood strategist said the race was over.\n")
    ex = extract_article(art)
    start = art.text.index("One Florida")
    linker = phrases._Linker(art.text, ex.entities, ex.mentions)
    words = ["One", "Florida", "Harwood", "strategist"]
    assert linker.affiliated_org(words, start, start + len("One Florida Harwood strategist")) is None
    # the same voice with no place, or the body's own place, speaks for it
    ohio = [e.name for e in ex.entities].index("Ohio Harwood Party")
    assert linker.affiliated_org(["One", "Harwood", "strategist"], start, start + 10) == ohio
    assert linker.affiliated_org(["One", "Ohio", "Harwood", "strategist"], start, start + 10) == ohio


def test_a_place_of_two_words_before_a_voice_tells_no_organisation():
    # "Wall Street analysts", "a New York strategist": the place's words are not the newspaper's
    ex = extraction("The Wall Street Journal reported on Monday that Brennick would sell its stake.",
                    "Wall Street analysts said the sale would lift the shares.")
    assert speaker_of(ex, "the sale would lift the shares") is None
    ex = extraction("The New York Harwood Party met on Friday.",
                    "A New Jersey Harwood strategist said the sale was a mistake.",
                    "A New York Harwood strategist said the vote was lost.")
    assert speaker_of(ex, "the sale was a mistake") is None
    assert speaker_of(ex, "the vote was lost") == ("organisation", "New York Harwood Party")
