"""Whose words a cue reports when the name nearest it is not its subject (issue #22): a sentence that
opens with an adverb, a place or a dateline before its subject; a participle cue ("..., saying") whose
clause has its own subject; a name inside a restrictive relative clause before the cue; and a learned
cue whose "subject" is only an adverb, a time or an auxiliary."""
from articles.extraction import extract as extract_text
from articles.extraction import extract_article, parse
from articles.extraction.claims import cues, resolver


def extract(body: str):
    return extract_article(parse("A headline\n\n5 May 2021\n\n" + body + "\n\n- Town Gazette\n"))


def claim_of(ex, words: str):
    for c in ex.claims:
        if words in c.text:
            return c
    raise AssertionError(f"no claim holds {words!r}: {[c.text for c in ex.claims]}")


def speaker_of(ex, words: str):
    c = claim_of(ex, words)
    return ex.entities[c.speaker].name if c.speaker is not None else c.speaker_text


def test_an_opening_adverb_is_no_subject_of_and_called():
    ex = extract("Likewise, Mayor Peter Grant went after Lucy Chen on Monday and called for her to resign "
                 "from the council.")
    assert speaker_of(ex, "to resign from the council") == "Peter Grant"


def test_an_opening_place_with_commas_is_passed_and_the_participle_takes_the_subject_not_the_object():
    # The rules' choice (the learned resolver re-ranks it afterwards and may prefer the adjacent name).
    a = parse("A headline\n\n5 May 2021\n\nAt a rally in Dover, N.H., on Tuesday, Mayor Peter Grant endorsed "
              "Lucy Chen, saying that his former rival would make a fine governor.\n\n- Town Gazette\n")
    rules_only = resolver.SourceModel.load()
    rules_only.margin = float("inf")
    ex = extract_text(a.text, a.blocks, a.published, source_model=rules_only)
    assert speaker_of(ex, "would make a fine governor") == "Peter Grant"


def test_a_dateline_is_no_subject():
    ex = extract("Senator Lucy Chen spoke first.\n\nDOVER — Mayor Peter Grant on Monday attacked the council "
                 "and said the budget was a disgrace.")
    assert speaker_of(ex, "the budget was a disgrace") == "Peter Grant"


def test_a_participle_takes_the_subject_of_its_own_clause():
    ex = extract("It was a busy day for the two women in the party, as Mayor Lucy Chen echoed the criticism, "
                 "saying Peter Grant was unfit to lead.")
    assert speaker_of(ex, "was unfit to lead") == "Lucy Chen"


def test_names_coordinated_as_objects_are_no_clause_subject():
    ex = extract("Councillor Peter Grant backed Mayor Lucy Chen and Dan Ortiz, saying they were the best hope "
                 "for the town.")
    assert speaker_of(ex, "the best hope for the town") == "Peter Grant"


def test_a_name_inside_a_restrictive_relative_clause_does_not_speak():
    ex = extract("Current and former officials who spoke with Peter Grant said the council had become a shell "
                 "of itself.")
    c = claim_of(ex, "a shell of itself")
    assert c.speaker is None and c.speaker_text == "Current and former officials"


def test_adverbs_times_and_auxiliaries_name_no_source_of_a_learned_cue():
    for words in ("now", "actively", "last week", "wasn’t", "would not even"):
        assert cues._no_subject(words), words
    for words in ("the officials", "Grant", "voters", "the weekly"):
        assert not cues._no_subject(words), words


def test_a_fronted_saying_clause_whose_main_subject_is_a_thing_has_no_speaker():
    # "the pound" names no one who could have warned; the main clause ("fell", an irregular verb with no
    # object) must not be read into a speaker either.
    for body in ("After warning that inflation would rise, the pound fell sharply against the dollar.",
                 "After predicting that the vote would be close, the yen sank.",
                 "After warning that the bridge was unsafe, the mayor's car sped away."):
        ex = extract(body)
        for c in ex.claims:
            spk = ex.entities[c.speaker].name if c.speaker is not None else (c.speaker_text or "")
            assert not spk.startswith(("the pound", "the yen", "the mayor")), (c.text, spk)


def test_a_fronted_saying_clause_keeps_a_person_or_body_as_its_speaker():
    ex = extract("After warning that inflation would rise, the governor resigned.")
    assert speaker_of(ex, "inflation would rise").startswith("the governor")
    ex = extract("After warning that costs would rise, the company cut its forecast.")
    assert speaker_of(ex, "costs would rise").startswith("the company")
    # The subject ends at its noun whatever the verb's form ("left", an irregular past).
    ex = extract("After saying she was worried about the cost, the woman left the meeting.")
    assert speaker_of(ex, "worried about the cost") == "the woman"


def test_a_particle_before_a_noun_it_compounds_with_is_the_contents():
    # "back pay for ...": "back" opens a noun compound (a noun then its "for"), not the verb's particle.
    ex = extract("Union leaders demanded back pay for the months the drivers had worked.")
    assert claim_of(ex, "the months the drivers had worked").text.startswith("back pay")
    # A particle before a frame word or a determiner stays the verb's ("pushed back against the plan").
    ex = extract("Senator Jo Hale pushed back against the plan to close the library.")
    assert claim_of(ex, "close the library").text.startswith("the plan")
