"""A headline's colon kicker is a source by its head noun, the last word before any preposition ("Springfield
Mayor On Roe:"), not by a modifier: "Police Shooting:", "Voter Guide:", "Premier League:" name no sayer
("police", "voter", "premier" are people's nouns), "Book Review:" is a section ("review" is a document's noun
but a kicker's word). Sentences written for these tests."""
from tests.extraction.dated import claims_by_frame

BODY = "The council met on Monday to discuss the plan."


def _sources(headline):
    return [c[1] for c in claims_by_frame(BODY, headline=headline) if c[2] == "headline"]


def test_a_people_noun_modifying_the_kickers_head_names_no_source():
    assert _sources("Police Shooting: Officer Was Cleared Of Wrongdoing") == []
    assert _sources("Voter Guide: What You Need To Know") == []
    assert _sources("Premier League: Arsenal Beat Spurs") == []


def test_a_section_word_as_the_kickers_head_names_no_source():
    assert _sources("Book Review: A Dazzling Debut Novel") == []


def test_a_sayer_noun_as_the_head_still_speaks():
    assert _sources("Mayor: The Budget Is Short") == ["Mayor"]
    assert _sources("Poll: Voters Back The Plan") == ["Poll"]
    assert _sources("Springfield Mayor On Roe: Ban Would Hurt Women") == ["Springfield Mayor On Roe"]
    assert _sources("Police Chief: The Officer Was Cleared") == ["Police Chief"]
