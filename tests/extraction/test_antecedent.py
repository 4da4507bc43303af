"""The learned pronoun antecedent ranker: its candidates and features on sentences written here, the
override rule, its place in the pipeline, and the committed weights' freshness."""
import json

import numpy as np
import pytest

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


def test_the_ranker_never_overrides_a_person_of_the_pronouns_gender_with_one_of_the_other():
    n = len(antecedent.FEATURES) * (1 + len(antecedent.CROSSES))
    rows = [[0.0] * n, [0.0] * n]
    w = [0.0] * n
    w[antecedent.FEATURES.index("subject")] = 5.0
    rows[1][antecedent.FEATURES.index("subject")] = 1.0  # the ranker's pick, far past the margin
    model = antecedent.AntecedentModel({"weights": w, "margin": 0.25})
    assert antecedent.choose(model, [7, 9], rows, 7) == 9
    rows[0][antecedent.FEATURES.index("gender_agrees")] = 1.0
    rows[1][antecedent.FEATURES.index("gender_disagrees")] = 1.0
    assert antecedent.choose(model, [7, 9], rows, 7) == 7
    rows[0][antecedent.FEATURES.index("gender_agrees")] = 0.0  # the rules' person's gender unknown
    assert antecedent.choose(model, [7, 9], rows, 7) == 9


def test_she_after_a_quotation_asked_by_a_man_is_the_woman_he_asked():
    # "Tapper asked" spoke last and "him" is the hearer: "she" is Ann Ford, never the man.
    ex = extraction("Jake Tapper interviewed Senator Ann Ford on Sunday about the budget.",
                    "“Will you run again?” Tapper asked. “No,” she told him. “Not this year.”")
    assert speaker_of(ex, "Not this year") == ("person", "Ann Ford")


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
    # The pronoun sources' weight in training is no feature (the fingerprint does not see it): the
    # model records it, and a changed weight wants a retrain too.
    from articles.extraction.claims import antecedent_train
    assert data["source_weight"] == antecedent_train.SOURCE_WEIGHT, "SOURCE_WEIGHT changed: retrain"
    org = data["impersonal"]
    assert org["features"] == list(antecedent.ORG_FEATURES)
    assert len(org["weights"]) == (1 + len(antecedent.ORG_CROSSES)) * len(antecedent.ORG_FEATURES)
    assert org["adopted"] == (org["cv"]["model_accuracy"] - org["cv"]["rules_accuracy"] >= data["min_gain"])
    assert (antecedent.default_model() is not None) == (data["adopted"] or org["adopted"])


def org_features_of(cands, rows, entities, name):
    i = next(k for k, e in enumerate(cands) if e != antecedent.NONE and entities[e].name == name)
    return dict(zip(antecedent.ORG_FEATURES, rows[i][:len(antecedent.ORG_FEATURES)], strict=True))


def test_it_and_they_rank_the_organisations_named_recently_and_none_of_them():
    art, entities, ctx = context("The Zorbland Ministry of Transport met the Quarn Teachers Union on Monday.",
                                 "They said the buses were late.")
    pos = art.text.index("They said")
    cands, rows = ctx.org_candidates("they", pos, {}, None, lambda x: False, None)
    assert cands[0] == antecedent.NONE
    assert {entities[e].name for e in cands[1:]} >= {"Zorbland Ministry of Transport", "Quarn Teachers Union"}
    none = dict(zip(antecedent.ORG_FEATURES, rows[0][:len(antecedent.ORG_FEATURES)], strict=True))
    assert none["none"] == 1 and none["rule_choice"] == 1  # the rules chose no one
    union = org_features_of(cands, rows, entities, "Quarn Teachers Union")
    assert union["plural_name"] == 0 and union["none"] == 0 and union["sentence_back1"] == 1
    # Every feature is weighed again for "they" (number), so "it" leaves that copy empty.
    n = len(antecedent.ORG_FEATURES)
    assert rows[1][n:2 * n] == rows[1][:n]
    cands_it, rows_it = ctx.org_candidates("it", pos, {}, None, lambda x: False, None)
    assert all(v == 0 for v in rows_it[1][n:2 * n])


def test_an_organisation_named_six_sentences_back_is_no_candidate_unless_it_spoke_last():
    art, entities, ctx = context("The Quarn Teachers Union met on Monday.", "There was rain.", "There was wind.",
                                 "There was snow.", "There was hail.", "There was fog. It said the buses were late.")
    pos = art.text.index("It said")
    cands, _ = ctx.org_candidates("it", pos, {}, None, lambda x: False, None)
    assert cands == [antecedent.NONE]
    union = next(i for i, e in enumerate(entities) if e.name == "Quarn Teachers Union")
    cands, rows = ctx.org_candidates("it", pos, {union: 0}, union, lambda x: False, None)
    assert union in cands and org_features_of(cands, rows, entities, "Quarn Teachers Union")["no_mention"] == 1


def test_the_it_they_ranker_overrides_the_rules_organisation_only_past_its_margin():
    n = len(antecedent.ORG_FEATURES) * (1 + len(antecedent.ORG_CROSSES))
    none_row, org_row = [0.0] * n, [0.0] * n
    none_row[antecedent.ORG_FEATURES.index("none")] = 1.0
    w = [0.0] * n
    w[antecedent.ORG_FEATURES.index("none")] = 1.0  # "none of them" scores 1, the rules' organisation 0
    cands, rows = [antecedent.NONE, 4], [none_row, org_row]
    model = antecedent.AntecedentModel({"weights": [], "impersonal": {"weights": w, "margin": 0.5}})
    assert antecedent.choose_org(model, cands, rows, 4) is None
    assert antecedent.choose_org(model, cands, rows, None) is None
    model.org_margin = 1.5
    assert antecedent.choose_org(model, cands, rows, 4) == 4
    model.org_weights[antecedent.ORG_FEATURES.index("none")] = -1.0  # now the organisation outscores "none"
    model.org_margin = 0.5
    assert antecedent.choose_org(model, cands, rows, None) == 4


def claim_sources(*paragraphs, model=True):
    """(source words, organisation) of the claims the rules and the ranker find (before the source resolver)."""
    art = parse("A headline about things\n\n3 March 2019\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    doc = document.read(art.text, art.blocks)
    finder = EntityFinder(art.text, doc.body, doc.name_starts, art.published, None)
    finder.run()
    entities, mentions, _ = finder.result()
    cf = ClaimFinder(doc, entities, mentions)
    if not model:
        cf.state.antecedent_model = None
    return [(c.source.text, entities[c.source.org].name if c.source.org is not None else None)
            for c in cf.run() if c.source is not None]


def test_they_after_a_group_named_with_an_organisation_is_the_group_not_the_organisation():
    paragraphs = ("Workers at the depot objected to the Quarn Bus Company's plan to move them across the country.",
                  "They also said that the pay was too low.")
    assert claim_sources(*paragraphs, model=False) == [("They", "Quarn Bus Company")]  # the rules
    assert claim_sources(*paragraphs) == [("They", None)]
    assert claim_sources("People briefed on the talks with the Zorbland Ministry of Transport were adamant.",
                         "They said that the bridge would stay closed.") == [("They", None)]


def test_it_after_an_organisation_as_the_subject_stays_that_organisation():
    assert claim_sources("The Quarn Teachers Union met the mayor on Monday.",
                         "It said that the buses were late every morning.") == [("It", "Quarn Teachers Union")]
    assert claim_sources("The Zorbland Central Bank kept its rates steady on Monday.",
                         "It said that prices would rise next year.") == [("It", "Zorbland Central Bank")]


def test_training_counts_a_pronoun_source_source_weight_times():
    # Two kinds of pronoun disagree: the sources want the first candidate, the other pronouns (more of
    # them) the second; weighing the sources past their number turns the fit to the first.
    pytest.importorskip("scipy")
    from articles.extraction.claims import antecedent_train as t
    width = len(t.FEATURES) * (1 + len(t.CROSSES))

    def example(source):
        rows = np.zeros((2, width))
        rows[0, 0] = 1.0  # the one feature that tells the candidates apart
        return {"rows": rows, "labels": np.array([1.0, 0.0] if source else [0.0, 1.0]), "source": source}
    exs = [example(True)] * 3 + [example(False)] * 5
    assert t.fit(exs, None, source_weight=1)[0] < 0
    assert t.fit(exs, None, source_weight=4)[0] > 0


def test_a_source_weight_below_one_is_refused():
    pytest.importorskip("scipy")
    from articles.extraction.claims import antecedent_train as t
    rows = np.zeros((2, len(t.FEATURES) * (1 + len(t.CROSSES))))
    with pytest.raises(ValueError):
        t.fit([{"rows": rows, "labels": np.array([1.0, 0.0]), "source": True}], None, source_weight=0)
