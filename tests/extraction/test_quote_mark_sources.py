"""A learned cue right after a closing quotation mark ('..., star of the show “River Town,” thanked the
mayor', '... what had been called the “Golden Week,” saying that ...') found only the mark before it as
its source, and the mark named nobody: the sentence's subject speaks. Sentences written for these tests."""
from .dated import extraction


def _speakers(*paragraphs):
    ex = extraction(*paragraphs)
    return {c.text: (c.speaker_text, ex.entities[c.speaker].name if c.speaker is not None else None) for c in ex.claims}


def test_a_quoted_title_in_an_apposition_leaves_the_subject_before_it():
    found = _speakers("Kerry Lane, star of television’s “River Town,” thanked the mayor for “taking these steps to "
                      "make us all safer.”")
    said = [v for k, v in found.items() if "taking these steps" in k]
    assert said and said[0][1] == "Kerry Lane"
    assert all(words != "”" for words, _ in found.values())


def test_a_participle_after_a_quoted_term_speaks_with_the_sentence_subject():
    found = _speakers("Democrats had sued after the state eliminated what had been called the “Golden Week,” saying "
                      "that the cut burdened poor voters in the cities.")
    assert found.get("that the cut burdened poor voters in the cities", (None,))[0] == "Democrats"
