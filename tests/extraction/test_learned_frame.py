"""The learned frame (claims/cues.py): where the content and the source of a cue only the model
found are placed. A stub model makes one made-up word a cue, so each test decides the frame alone."""
from articles.extraction import document, extract_article, parse
from articles.extraction.claims import ClaimFinder
from articles.extraction.claims.cues import _has_verb, _subject_phrase
from articles.extraction.entities import EntityFinder
from articles.extraction.learned.model import CueModel
from articles.extraction.types import Speaker


def stub_model(word: str, before: bool) -> CueModel:
    """A cue model for which `word` is always a cue, its content after (or before) it."""
    row = [0.0, 0.0, 9.0] if before else [0.0, 9.0, 0.0]
    return CueModel({"version": "t", "vocab": [word], "weights": {"w=" + word: row}, "cue_threshold": 0.4})


def claims_of(body: str, model: CueModel):
    art = parse(f"A headline\n\n5 May 2021\n\n{body}\n\n- Town Gazette\n")
    ex = extract_article(art, model=model)
    for c in ex.claims:
        assert art.text[c.start:c.end] == c.text
    return ex, [c for c in ex.claims if c.origin == "model"]


def speaker_text(ex, claim) -> str:
    return ex.entities[claim.speaker].name if claim.speaker is not None else claim.speaker_text


def test_a_quotation_closing_before_the_speaker_is_the_whole_content():
    # The quotation ends a sentence of its own ("!”"): the sentence holding the cue starts after it.
    ex, found = claims_of("The ferry was late again. “The timetable is fiction. Nobody in the office cares "
                          "about it!” the harbour master grumbled.", stub_model("grumbled", before=True))
    assert len(found) == 1, ex.claims
    assert found[0].text.startswith("“The timetable is fiction.")
    assert "Nobody in the office cares about it" in found[0].text


def test_the_subject_loses_its_auxiliaries_and_an_approximation():
    ex, found = claims_of("In the survey, about 4 in 10 would blorf the new tram line to the coast.",
                          stub_model("blorf", before=False))
    assert len(found) == 1, ex.claims
    assert found[0].text == "the new tram line to the coast"
    assert speaker_text(ex, found[0]) == "4 in 10"


def test_a_long_subject_with_a_noun_that_is_also_a_cue_word_still_speaks():
    ex, found = claims_of("Large majorities of the shop owners in each state along the northern border blorf "
                          "a lower tax on fuel.", stub_model("blorf", before=False))
    assert len(found) == 1, ex.claims
    assert speaker_text(ex, found[0]).endswith("shop owners in each state along the northern border")


def test_subject_phrase_rules():
    def cut(text):
        spk = _subject_phrase(Speaker(None, text, 100, 100 + len(text)))
        return spk and (spk.text, spk.start - 100)

    assert cut("you can bet that the farmers do not") == ("the farmers", 17)
    assert cut("Thirty-seven percent would") == ("Thirty-seven percent", 0)
    assert cut("while about a third of tenants") == ("a third of tenants", 12)
    # A number written as a word is a quantity too: "About one in five" -> "one in five".
    assert cut("About one in five") == ("one in five", 6)
    assert cut("nearly seven of the ten") == ("seven of the ten", 7)
    assert cut("about twenty of them") == ("twenty of them", 6)
    assert cut("about onerous rules") == ("about onerous rules", 0)
    assert cut("the council") == ("the council", 0)
    assert cut("would not") is None
    assert _has_verb("the mayor said".split())
    assert not _has_verb("voters in each state".split())
    assert not _has_verb("the report".split())


def test_a_quotation_the_content_opens_runs_to_its_closing_mark():
    ex, found = claims_of("The mayor blorfed: “The ferry is a disgrace. We will fix it — whatever it costs; "
                          "the town deserves better.” Then she left.", stub_model("blorfed", before=False))
    assert len(found) == 1, ex.claims
    # Neither the sentence end inside the quotation nor its dash and semicolon end the content.
    assert found[0].text.endswith("the town deserves better.”"), found[0].text
    assert "Then she left" not in found[0].text


def two_cue_model(weak: str, strong: str) -> CueModel:
    """A cue model for which both words are cues whose content follows, `strong` the more probable."""
    return CueModel({"version": "t", "vocab": [weak, strong], "cue_threshold": 0.4,
                     "weights": {"w=" + weak: [0.0, 1.0, 0.0], "w=" + strong: [0.0, 9.0, 0.0]}})


def test_the_most_probable_cue_of_a_sentence_is_placed_first():
    # "near" is a weak cue before the strong one: placed left to right it took "the harbour blorf that ..."
    # as its content and the strong cue, inside it, was never tried.
    ex, found = claims_of("The ferry crews near the harbour blorf that the new timetable cannot be kept "
                          "in winter.", two_cue_model("near", "blorf"))
    assert [c.cue for c in found] == ["blorf"], ex.claims
    assert found[0].text == "that the new timetable cannot be kept in winter"


def test_a_weaker_cue_does_not_take_a_stronger_cues_claim_as_its_content():
    ex, found = claims_of("Several bakers glumph the council blorfs that bread prices will rise by spring.",
                          two_cue_model("glumph", "blorfs"))
    assert [c.cue for c in found] == ["blorfs"], ex.claims


def test_weaker_cues_outside_the_stronger_cues_claim_still_speak():
    ex, found = claims_of("The ferry crews blorf that the timetable is fiction; later the harbour "
                          "master glumph the new boats.", two_cue_model("glumph", "blorf"))
    assert sorted(c.cue for c in found) == ["blorf", "glumph"], ex.claims


def test_the_words_between_a_content_and_its_cue_are_its_source():
    # Names the speaker search does not know as names ("Romero", "Sharp"), and a common-noun
    # phrase: the words between the content's comma (or closing quotation mark) and the cue speak.
    for body, content, source in [
        ("The ferry will run twice a day from June, Romero blorfed.", "The ferry will run twice a day from June",
         "Romero"),
        ("“The timetable is fiction,” Sharp blorfed.", "“The timetable is fiction,”", "Sharp"),
        ("The ferry will run twice a day, the pilots of the old harbour blorfed.", "The ferry will run twice a day",
         "the pilots of the old harbour"),
    ]:
        ex, found = claims_of(body, stub_model("blorfed", before=True))
        assert [(c.text, speaker_text(ex, c)) for c in found] == [(content, source)], body


def test_words_with_a_verb_between_a_content_and_its_cue_are_no_source():
    ex, found = claims_of("The ferry will run twice a day, which the harbour master says is fine and blorfed.",
                          stub_model("blorfed", before=True))
    assert all(not speaker_text(ex, c).endswith("is fine and") for c in found), ex.claims


def test_a_dash_or_a_list_does_not_end_a_learned_content_but_a_spliced_clause_does():
    model = stub_model("blorfed", before=False)
    for body, content in [
        # What was said goes on past a dash, and a list's items belong to it.
        ("The harbour master blorfed that the ferry would run twice a day — and that the fares would fall "
         "in spring.", "that the ferry would run twice a day — and that the fares would fall in spring"),
        ("The union blorfed that the cuts would hit five towns, including Dunmore and Holt.",
         "that the cuts would hit five towns, including Dunmore and Holt"),
        ("The union blorfed that the cuts would hit the schools as well as the libraries.",
         "that the cuts would hit the schools as well as the libraries"),
        # A clause spliced on after a comma is the writer's, not the speaker's.
        ("The council blorfed that the ferry would run on Sundays, which angered the parish.",
         "that the ferry would run on Sundays"),
    ]:
        ex, found = claims_of(body, model)
        assert [c.text for c in found] == [content], (body, ex.claims)


def rules_source(body: str, model: CueModel) -> str:
    """The source the rules give the one model-found claim, before the learned resolver re-ranks it."""
    art = parse(f"A headline\n\n5 May 2021\n\n{body}\n\n- Town Gazette\n")
    doc = document.read(art.text, art.blocks)
    finder = EntityFinder(art.text, doc.body, doc.name_starts, art.published, None)
    finder.run()
    entities, mentions, _ = finder.result()
    found = [c for c in ClaimFinder(doc, entities, mentions, model=model).run() if c.origin == "model"]
    assert len(found) == 1, found
    spk = found[0].source
    return entities[spk.entity].name if spk.entity is not None else spk.text


def test_a_name_after_a_preposition_is_not_the_learned_cues_source():
    # The nearest name before the cue is the object of "to": the subject before it speaks.
    body = "Jane Holloway quickly took to Twitter, blorfing: the ferry would not run again."
    assert rules_source(body, stub_model("blorfing", before=False)) == "Jane Holloway"
    ex, found = claims_of(body, stub_model("blorfing", before=False))
    assert [speaker_text(ex, c) for c in found] == ["Jane Holloway"]


def test_an_object_name_stays_the_source_when_no_other_name_precedes():
    # Nothing else names the source: the object is kept, as before (the resolver may re-rank it).
    body = "On Friday hundreds of commuters marched to the Harbour Authority, blorfing that the fares were unfair."
    assert rules_source(body, stub_model("blorfing", before=False)) == "Harbour Authority"


def test_an_organisation_a_source_noun_works_at_still_speaks():
    # An earlier name stands ready: only the source noun before "at" keeps the spokeswoman the source.
    assert rules_source("Without Ruth Ames the spokeswoman at Brindle Corp. blorfed that pay was low.",
                        stub_model("blorfed", before=False)) == "the spokeswoman at Brindle Corp"
    ex, found = claims_of("A spokeswoman at the Northern Rail Company blorfed that the trains would run late.",
                          stub_model("blorfed", before=False))
    assert len(found) == 1, ex.claims
    assert speaker_text(ex, found[0]) == "Northern Rail Company"


def test_a_skipped_object_does_not_reach_back_into_another_clause():
    # "at Brindle Corp." is an object, but the name before ", and" is another clause's subject: the
    # cue's own clause speaks.
    body = "Ruth Ames left in May, and workers at Brindle Corp. blorfed that pay was low."
    assert rules_source(body, stub_model("blorfed", before=False)) == "workers at Brindle Corp."


def test_a_short_parenthesis_inside_a_learned_content_does_not_end_it():
    model = stub_model("blorfed", before=False)
    for body, content in [
        # A figure or a gloss in brackets belongs to what was said, and the clause goes on after it.
        ("The council blorfed that turnout fell to 40 percent (from 52 percent) in the spring vote.",
         "that turnout fell to 40 percent (from 52 percent) in the spring vote"),
        ("The union blorfed that the depot in Holt (about 20 miles east of Dunmore) would close.",
         "that the depot in Holt (about 20 miles east of Dunmore) would close"),
        # A long aside in brackets is the writer's: the content stops before it.
        ("The council blorfed that turnout fell (a figure the opposition disputes, citing its own count of "
         "the ballots) in the spring.", "that turnout fell"),
    ]:
        ex, found = claims_of(body, model)
        assert [c.text for c in found] == [content], (body, ex.claims)


def test_a_verbs_particle_is_part_of_the_cue_not_of_the_content():
    model = stub_model("blorfed", before=False)
    for body, content in [
        ("The harbour master blorfed back that the ferry had never been late.", "that the ferry had never been late"),
        ("Jo Sharp blorfed back at the critics of the new timetable.", "the critics of the new timetable"),
        ("The union blorfed off the claims about the depot as gossip.", "the claims about the depot as gossip"),
        # Not a particle but the content's own first word.
        ("The union blorfed upward revisions to the budget.", "upward revisions to the budget"),
        ("The survey blorfed up to 40 percent of the tenants in arrears.", "up to 40 percent of the tenants in arrears"),
    ]:
        ex, found = claims_of(body, model)
        assert [c.text for c in found] == [content], (body, ex.claims)


def test_a_cue_opening_a_fronted_clause_speaks_for_the_main_clauses_subject():
    model = stub_model("blorfing", before=False)
    for body, content, source in [
        ("Blorfing that the depot would close, Jane Holloway left the council in May.",
         "that the depot would close", "Jane Holloway"),
        ("After blorfing the new timetable as a fiction, Jane Holloway resigned.",
         "the new timetable as a fiction", "Jane Holloway"),
        ("Having blorfed that the fares would fall, the spokeswoman left the hall.",
         "that the fares would fall", "the spokeswoman"),
    ]:
        ex, found = claims_of(body, model if "blorfing" in body.lower() else stub_model("blorfed", before=False))
        assert [c.text for c in found] == [content], (body, ex.claims)
        assert speaker_text(ex, found[0]).endswith(source), (body, ex.claims)


def test_a_fronted_clause_of_the_acts_occasion_or_with_no_subject_after_it_makes_no_claim():
    model = stub_model("blorfing", before=False)
    for body in [
        # The occasion of speaking, not what was said.
        "Blorfing to reporters on Tuesday, Jane Holloway left the hall.",
        # Nobody named after the clause's comma: no source, no claim.
        "Blorfing that the depot would close, it rained for a week.",
    ]:
        ex, found = claims_of(body, model)
        assert found == [], (body, ex.claims)


def test_a_subject_before_a_clause_set_off_by_commas_speaks():
    model = stub_model("blorfed", before=False)
    for body, content, source in [
        ("Many recent studies of the tram, often run across county lines, blorfed little evidence of delays.",
         "little evidence of delays", "Many recent studies of the tram"),
        ("The harbour pilots, most of whom had worked there for decades, blorfed that the new cranes were unsafe.",
         "that the new cranes were unsafe", "The harbour pilots"),
    ]:
        ex, found = claims_of(body, model)
        assert [c.text for c in found] == [content], (body, ex.claims)
        assert speaker_text(ex, found[0]) == source, (body, ex.claims)
    # A fronted adjunct, a weekday or a clause before the commas is no subject: nobody speaks.
    for body in ["In the spring, after the flood, blorfed that the depot would close.",
                 "Friday, after the flood, blorfed that the depot would close.",
                 "Throughout the trial, which lasted six weeks, blorfed that the depot would close.",
                 "Under the plan, published in May, blorfed that the depot would close.",
                 "The depot is old, the mayor admits, blorfed that it would close."]:
        ex, found = claims_of(body, model)
        assert found == [], (body, ex.claims)


def test_a_fronted_clauses_source_is_the_main_subject_without_its_verb():
    # The main clause's subject, then its verb and object: only the subject speaks for the fronted cue.
    model = stub_model("blorfing", before=False)
    for body, source in [
        ("Blorfing that the deal was fair, most investors backed the merger.", "most investors"),
        ("Blorfing that the vaccine was unsafe, angry parents blocked the road outside the clinic.", "angry parents"),
        ("Blorfing that the bid was too low, the embattled chairman rejected it on Friday.", "the embattled chairman"),
    ]:
        ex, found = claims_of(body, model)
        assert [speaker_text(ex, c) for c in found] == [source], (body, ex.claims)


def test_a_fronted_infinitive_that_is_the_sentences_subject_has_no_speaker():
    # "To claim ..., however, is naive": the clause is the subject of "is"; nobody speaks.
    model = stub_model("blorf", before=False)
    for body in ["To blorf that the depot will stay open, however, is naive.",
                 "To blorf that the depot will stay open is naive, the mayor's critics say."]:
        ex, found = claims_of(body, model)
        assert found == [], (body, ex.claims)
