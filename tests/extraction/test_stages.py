"""The claim pipeline's stages: the frame order is data, every claim records the frame that placed
it, and each frame places the content of the sentence form it names (sentences written here)."""
import re

import pytest

from articles.extraction import extract_article, parse
from articles.extraction.claims import frames
from articles.extraction.claims.content import Placement, Span


def article(*paragraphs):
    body = "\n\n".join(paragraphs)
    return parse(f"A headline about things\n\n3 March 2019\n\n{body}\n\n- The Daily Example\n")


def frame_of(needle, *paragraphs):
    art = article(*paragraphs)
    ex = extract_article(art)
    hits = [c for c in ex.claims if needle in c.text.lower()]
    assert len(hits) == 1, (needle, [(c.text, c.frame) for c in ex.claims])
    assert art.text[hits[0].start:hits[0].end] == hits[0].text
    return hits[0].frame


INTRO = "Jane Holloway, the Health Secretary, visited a hospital in Leeds on Monday."


@pytest.mark.parametrize(("needle", "sentence", "frame"), [
    ("ten thousand nurses", "“We will hire ten thousand nurses,” Ms Holloway said.", "quotes_before"),
    ("waiting lists", "Ms Holloway said that waiting lists would fall by half next year.", "that_clause"),
    ("waiting lists", "Ms Holloway said waiting lists would fall by half next year.", "bare_clause"),
    ("waiting lists", "Waiting lists will fall by half next year, Ms Holloway said.", "clause_before"),
    ("waiting lists", "Ms Holloway said: “Our waiting lists will fall by half next year.”", "colon_quote"),
    ("waiting lists", "Waiting lists will fall by half next year, according to Ms Holloway.", "according_to"),
    ("raise taxes", "Ms Holloway vowed to raise taxes on tobacco by a fifth.", "to_infinitive"),
    ("blocking the plan", "Ms Holloway accused the opposition of blocking the plan for months.", "object_preposition"),
])
def test_each_frame_places_its_form(needle, sentence, frame):
    assert frame_of(needle, INTRO, sentence) == frame


def test_a_quotation_no_cue_claims_continues_the_speaker_and_says_so():
    art = article(INTRO, "“We will hire ten thousand nurses,” Ms Holloway said. “They will start in May and stay.”")
    ex = extract_article(art)
    # The continuation is merged into the cued quotation: the claim keeps the frame that placed it.
    assert [c.frame for c in ex.claims if "nurses" in c.text] == ["quotes_before"]
    assert any("start in May" in c.text for c in ex.claims)


def test_the_order_is_data_and_names_every_frame_once():
    names = [f.__name__ for f in frames.ORDER]
    assert len(names) == len(set(names))
    # Content before the cue is tried before content after it: a quotation before "he said" wins
    # over the clause after it.
    assert names.index("quotes_before") < names.index("that_clause") < names.index("bare_clause")


def test_a_frame_returns_a_placement_and_places_nothing_itself():
    art = article(INTRO, "Ms Holloway said that waiting lists would fall by half next year.")
    from articles.extraction import document
    from articles.extraction.claims.pipeline import ClaimFinder
    from articles.extraction.entities import EntityFinder

    doc = document.read(art.text, art.blocks)
    finder = EntityFinder(art.text, doc.body, doc.name_starts, art.published, None)
    finder.run()
    entities, mentions, _ = finder.result()
    st = ClaimFinder(doc, entities, mentions).state
    seen = []
    original = frames.ORDER

    def spy(st_, site):
        placement = frames.that_clause(st_, site)
        seen.append((placement, len(st_.claims)))
        return placement

    spy.__name__ = "that_clause"
    frames.ORDER = tuple(spy if f is frames.that_clause else f for f in original)
    try:
        from articles.extraction.claims.pipeline import run
        claims = run(st)
    finally:
        frames.ORDER = original
    placement, n_claims_then = next((p, n) for p, n in seen if p is not None)
    assert isinstance(placement, Placement) and n_claims_then == 0
    assert placement.spans and isinstance(placement.spans[0], Span) and placement.spans[0].mixed
    assert [c.frame for c in claims] == ["that_clause"]


def test_model_and_layout_claims_name_their_source_of_placement():
    assert frame_of("flowers", "Mike Pence spoke at the rally.", "PENCE: Flowers will not be at the debate, and that is final.") == "transcript"


def test_each_cued_claim_points_at_its_cue_word_and_a_quote_run_on_keeps_its_cue():
    # a quotation opening the next paragraph continues the one before: one claim, whose cue is the
    # first paragraph's attribution ("she added"), not a second claim without one
    art = article(INTRO, "Ms Holloway said that waiting lists would fall. “They will,” she added.",
                  "“We start in May and we will not stop.”")
    ex = extract_article(art)
    assert all(c.cue_start is not None for c in ex.claims)
    assert sorted(re.match(r"\w+", art.text[c.cue_start:]).group() for c in ex.claims) == ["added", "said"]
    run_on = next(c for c in ex.claims if c.kind == "quote")
    assert art.text[run_on.start:run_on.end].endswith("we will not stop.”")
