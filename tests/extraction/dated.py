"""A dated article around test paragraphs, and the record a claim's source was linked to: shared by the
tests of sources left as words (test_unlinked_sources, test_discourse_sources); and an article's
records by name (test_entity_names, test_entity_non_names); claims with their frames (test_clause_structure, test_trailing_cues)."""
from articles.extraction import extract_article, parse


def extraction(*paragraphs):
    return extract_article(parse("A headline about the vote\n\n3 March 2019\n\n" + "\n\n".join(paragraphs)
                                 + "\n\n- The Daily Example\n"))


def speaker_of(ex, words):
    c = next(c for c in ex.claims if words in c.text)
    return (ex.entities[c.speaker].kind, ex.entities[c.speaker].name) if c.speaker is not None else None


def entities(*paragraphs):
    ex = extract_article(parse("A headline\n\n3 March 2016\n\n" + "\n\n".join(paragraphs) + "\n\n- The Example\n"))
    return {e.name: e for e in ex.entities}


def claims_by_frame(*paragraphs, headline="A headline about things"):
    """(text, speaker's record name or words, frame) per claim; offsets checked against the article."""
    art = parse(headline + "\n\n3 March 2019\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    ex = extract_article(art)
    out = []
    for c in ex.claims:
        assert art.text[c.start:c.end] == c.text
        out.append((c.text, ex.entities[c.speaker].name if c.speaker is not None else c.speaker_text, c.frame))
    return out
