"""Which organisation "the official" or "the source" speaks for (issue #22): the body of the anonymous
source introduced last ("a spokesman for the Transport Ministry"), not an organisation that merely
spoke or reported before ("Harwood Motors said", "The Daily Courier reported"); and a source's words
end with its noun phrase, not with the auxiliaries and adverbs after it ("Jo Sharp wouldn't").
Sentences written for these tests."""
from articles.extraction import document, parse
from articles.extraction.claims import phrases
from articles.extraction.entities import EntityFinder
from articles.extraction.types import Claim, Speaker
from tests.extraction.dated import extraction, speaker_of


def test_the_official_speaks_for_the_body_of_the_spokesman_introduced_before():
    ex = extraction("A spokesman for the Transport Ministry said the line would open in May.",
                    "“We are well on schedule,” the official said.")
    assert speaker_of(ex, "well on schedule") == ("organisation", "Transport Ministry")


def test_an_organisation_that_reported_is_no_body_of_the_source_after_it():
    ex = extraction("The Daily Courier reported that the mayor would resign before the summer.",
                    "“He has simply had enough of the council,” the source said.")
    assert speaker_of(ex, "had enough of the council") is None


def test_a_new_anonymous_source_with_no_body_is_the_one_the_official_names():
    ex = extraction("Harwood Motors said on Monday that it would close the plant in Leeds.",
                    "A senior government official said the closure had been expected for months.",
                    "“Nobody in the department was surprised,” the official said.")
    assert speaker_of(ex, "Nobody in the department") is None


def test_a_source_noun_phrase_ends_before_auxiliaries_and_adverbs():
    def words(text):
        return phrases.noun_phrase(Speaker(None, text, 100, 100 + len(text)))

    got = words("Jo Sharp wouldn’t")
    assert (got.text, got.start, got.end) == ("Jo Sharp", 100, 108)
    assert words("The budget office now").text == "The budget office"
    assert words("city officials aren't").text == "city officials"
    assert words("Their analysis did").text == "Their analysis"
    assert words("now").text == "now"  # nothing before it: left as it is
    kept = Speaker(None, "the officials", 0, 13)
    assert phrases.noun_phrase(kept) is kept


def test_a_name_before_an_auxiliary_is_tied_to_its_person():
    art = parse("A headline about the vote\n\n3 March 2019\n\nMaria Delgado, the senator, voted against the bill on "
                "Tuesday. Delgado wouldn’t rule out a second vote.\n")
    d = document.read(art.text, art.blocks)
    finder = EntityFinder(art.text, d.body, d.name_starts, art.published, None, headline=d.headline)
    finder.run()
    entities, mentions, _ = finder.result()
    start = art.text.index("Delgado wouldn’t")
    src = Speaker(None, "Delgado wouldn’t", start, start + len("Delgado wouldn’t"))
    claim = Claim(kind="reported", text="a second vote", start=start + 27, end=start + 40, speaker=None,
                  speaker_text=src.text, cue="rule", source=src, cue_start=start + 17)
    assert phrases.link(art.text, [claim], entities, mentions) == 1
    assert claim.speaker_text == "Delgado"
    assert (claim.source.start, claim.source.end) == (start, start + len("Delgado"))
    assert entities[claim.source.entity].name == "Maria Delgado"


def _linked(body, words):
    """phrases.link over one hand-made claim whose source the sources stage left as ``words``."""
    art = parse("A headline about the vote\n\n3 March 2019\n\n" + body + "\n")
    d = document.read(art.text, art.blocks)
    finder = EntityFinder(art.text, d.body, d.name_starts, art.published, None, headline=d.headline)
    finder.run()
    entities, mentions, _ = finder.result()
    start = art.text.index(words)
    src = Speaker(None, words, start, start + len(words))
    claim = Claim(kind="reported", text="x", start=len(art.text) - 5, end=len(art.text) - 2, speaker=None,
                  speaker_text=words, cue="saying", source=src, cue_start=len(art.text) - 20)
    phrases.link(art.text, [claim], entities, mentions)
    spk = claim.source
    who = spk.entity if spk.entity is not None else spk.org
    assert art.text[spk.start:spk.end] == spk.text == claim.speaker_text
    return spk.text, entities[who].name if who is not None else None


def test_words_opening_a_verb_phrase_give_way_to_the_verbs_subject():
    assert _linked("Maria Delgado (D-Ore.) issued a statement on Friday, saying the vote was a mistake.",
                   "issued a statement") == ("Maria Delgado", "Maria Delgado")
    assert _linked("Maria Delgado won the primary. Her campaign quickly sent out an email to supporters, "
                   "asking them for money.", "sent out an email to supporters") == ("Her campaign", "Delgado campaign")
    # a description keeps its words (no record named), but they are the subject's, not the verb's
    assert _linked("The Oregon senator sent out an email to supporters, asking them for money.",
                   "sent out an email to supporters") == ("The Oregon senator", None)
    # words that open a noun phrase stay as they are
    assert _linked("Trusted aides sent out an email to supporters, asking them for money.",
                   "Trusted aides") == ("Trusted aides", None)
    # an apposition before the verb: its words are no subject of their own (left to the rules)
    assert _linked("Maria Delgado, the party's political director, released a statement on Friday, saying "
                   "the vote was a mistake.", "released a statement") == ("released a statement", None)


def test_officials_at_a_body_with_no_article_name_the_body_of_the_officials_after_them():
    # Wire style drops the article: "Officials at the Bank of England", "Sources at the ministry".
    ex = extraction("Officials at the Bank of Dunmore said interest rates would rise in the spring.",
                    "The officials said inflation was still too high.")
    assert speaker_of(ex, "inflation was still too high") == ("organisation", "Bank of Dunmore")
    ex = extraction("Sources in the Transport Ministry said the line would open in May.",
                    "“We are well on schedule,” the source said.")
    assert speaker_of(ex, "well on schedule") == ("organisation", "Transport Ministry")


def test_the_official_names_the_last_official_not_a_spokesman_introduced_after_it():
    # "The official" is the official introduced before, with no body: not the spokesman named in between.
    ex = extraction("One official said the talks on the new treaty were over.",
                    "A spokesman for the Trade Commission declined to comment on the talks.",
                    "The official said the deal was dead.")
    assert speaker_of(ex, "the deal was dead") is None
    # The official's own body, not the spokesman's.
    ex = extraction("One official at the Finance Ministry said the talks on the new treaty were over.",
                    "A spokesman for the Trade Commission declined to comment on the talks.",
                    "The official said the deal was dead.")
    assert speaker_of(ex, "the deal was dead") == ("organisation", "Finance Ministry")


def test_a_study_or_poll_in_between_does_not_take_the_spokesmans_body():
    for middle in ["A recent study found that the scheme had cut crime in the city.",
                   "A poll for the Daily Courier found that most voters backed the scheme."]:
        ex = extraction("A spokesman for the Home Office said the scheme would be reviewed.", middle,
                        "“We will look at every option,” the spokesman said.")
        assert speaker_of(ex, "look at every option") == ("organisation", "Home Office"), middle


def test_a_source_close_to_or_familiar_with_a_body_is_the_unnamed_source_not_the_body():
    for phrase in ("A source close to Harwood Motors", "A person familiar with Harwood Motors"):
        ex = extraction(f"{phrase} said the company would cut 400 jobs at the plant.")
        c = next(c for c in ex.claims if "400 jobs" in c.text)
        assert c.speaker_text == phrase  # the body at most as its organisation, as "a spokesman for X"
    ex = extraction("Harwood Motors makes vans in Leeds.",
                    "People close to Jo Sharp said she would run for the council again.")
    c = next(c for c in ex.claims if "run for the council" in c.text)
    assert c.speaker_text == "People close to Jo Sharp" and c.speaker is None  # not Jo Sharp herself
