"""The learned pronoun antecedent ranker: its candidates and features on sentences written here, the
override rule, its place in the pipeline, and the committed weights' freshness."""
import json

from articles.extraction import document, parse
from articles.extraction.claims import ClaimFinder, antecedent, resolve
from articles.extraction.entities import EntityFinder
from tests.extraction.dated import extraction, speaker_of


def context(*paragraphs):
    art = parse("A headline about things\n\n3 March 2019\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    doc = document.read(art.text, art.blocks)
    finder = EntityFinder(art.text, doc.body, doc.name_starts, art.published, None)
    finder.run()
    entities, mentions, _ = finder.result()
    sents = sorted(s.start for ss in doc.sentences for s in ss)
    ctx = antecedent.Context(art.text, sents, entities, mentions, [(q.start, q.end) for qs in doc.quotes for q in qs])
    return art, entities, ctx


def features_of(cands, rows, entities, name):
    i = next(k for k, e in enumerate(cands) if entities[e].name == name)
    return dict(zip(antecedent.FEATURES, rows[i][:len(antecedent.FEATURES)], strict=True))


def test_a_name_inside_a_quotation_is_marked_and_the_person_outside_ranks_first_outside():
    art, entities, ctx = context("Mark Dunn spoke at the depot on Monday. “Tom Hale will lose the vote,” he said.")
    pos = art.text.index("he said")
    cands, rows = ctx.candidates("he", pos, {}, None, lambda x: False, {})
    hale = features_of(cands, rows, entities, "Tom Hale")
    dunn = features_of(cands, rows, entities, "Mark Dunn")
    assert hale["cand_in_quotes"] == 1 and hale["recency0"] == 1 and hale["outside_rank0"] == 0
    assert dunn["cand_in_quotes"] == 0 and dunn["outside_rank0"] == 1 and dunn["pron_after_quote"] == 1


def test_gender_features_come_from_the_learned_name_table_and_the_pronoun():
    art, entities, ctx = context("Kim Zorba met Lee Quarn in Leeds on Monday. She said the roads were bad.")
    pos = art.text.index("She said")
    names = {"kim": -2.0, "lee": 1.5}  # log-odds that a pronoun for this first name is "he"
    cands, rows = ctx.candidates("she", pos, {}, None, lambda x: False, names)
    kim, lee = features_of(cands, rows, entities, "Kim Zorba"), features_of(cands, rows, entities, "Lee Quarn")
    assert kim["name_agrees"] == 1 and kim["name_disagrees"] == 0
    assert lee["name_agrees"] == 0 and lee["name_disagrees"] == 1


def test_a_person_in_an_apposition_is_marked():
    art, entities, ctx = context("Anna Price, Mr Dunn's spokeswoman, spoke on Monday. He said the roads were bad.")
    pos = art.text.index("He said")
    cands, rows = ctx.candidates("he", pos, {}, None, lambda x: False, {})
    assert features_of(cands, rows, entities, "Anna Price")["after_comma"] == 0
    assert any(f["after_comma"] == 1 for f in (dict(zip(antecedent.FEATURES, r[:len(antecedent.FEATURES)], strict=True)) for r in rows))


def test_only_people_in_the_window_and_the_last_speaker_are_candidates():
    art, entities, ctx = context("Mark Dunn spoke first.", "There was rain.", "There was wind.", "There was snow.",
                                 "Anna Price came later. He said the roads were bad.")
    pos = art.text.index("He said")
    names = [entities[e].name for e in ctx.candidates("he", pos, {}, None, lambda x: False, {})[0]]
    assert names == ["Anna Price"]
    dunn = next(i for i, e in enumerate(entities) if e.name == "Mark Dunn")
    cands, rows = ctx.candidates("he", pos, {dunn: 0}, dunn, lambda x: False, {})
    assert dunn in cands and features_of(cands, rows, entities, "Mark Dunn")["no_mention"] == 1


def test_the_model_overrides_the_rules_only_past_its_margin():
    n = len(antecedent.FEATURES) * (1 + len(antecedent.CROSSES))
    rows = [[0.0] * n, [0.0] * n]
    rows[1][antecedent.FEATURES.index("subject")] = 1.0
    w = [0.0] * n
    w[antecedent.FEATURES.index("subject")] = 1.0  # the other candidate scores 1, the rules' 0
    assert antecedent.choose(antecedent.AntecedentModel({"weights": w, "margin": 0.5}), [7, 9], rows, 7) == 9
    assert antecedent.choose(antecedent.AntecedentModel({"weights": w, "margin": 1.5}), [7, 9], rows, 7) == 7
    assert antecedent.choose(antecedent.AntecedentModel({"weights": w, "margin": 1.5}), [], [], 7) == 7


def test_she_after_two_people_names_the_woman():
    ex = extraction("Mark Dunn and Anna Price met the mayor on Monday to talk about the bridge.",
                    "“We will not give up on the bridge,” she said.")
    assert speaker_of(ex, "give up on the bridge") == ("person", "Anna Price")


def test_he_after_a_quotation_naming_someone_is_the_speaker_not_the_name_quoted():
    ex = extraction("Mark Dunn spoke at the depot on Monday about the new timetable.",
                    "“Tom Hale will lose the vote over the buses,” he said.")
    assert speaker_of(ex, "lose the vote") == ("person", "Mark Dunn")


def test_without_the_model_the_rules_choose():
    art = parse("A headline about things\n\n3 March 2019\n\nMark Dunn and Anna Price met on Monday. "
                "“We will win,” she said.\n\n- The Daily Example\n")
    doc = document.read(art.text, art.blocks)
    finder = EntityFinder(art.text, doc.body, doc.name_starts, art.published, None)
    finder.run()
    entities, mentions, _ = finder.result()
    cf = ClaimFinder(doc, entities, mentions)
    cf.state.antecedent_model = None
    claims = cf.run()
    resolve(claims, entities)
    assert any(c.source is not None and c.source.text == "she" for c in claims)


def test_the_committed_model_matches_the_features_it_was_trained_on():
    data = json.loads(antecedent.MODEL_PATH.read_text(encoding="utf-8"))
    assert data["fingerprint"] == antecedent.fingerprint(), "features changed: retrain " \
        "(python -m articles.extraction.claims.antecedent_train --corpus ../shared/polnear-train)"
    assert data["features"] == list(antecedent.FEATURES)
    assert len(data["weights"]) == (1 + len(antecedent.CROSSES)) * len(antecedent.FEATURES)
    assert data["adopted"] == (data["cv"]["model_accuracy"] - data["cv"]["rules_accuracy"] >= data["min_gain"])
    assert (antecedent.default_model() is not None) == data["adopted"]
