"""The learned source resolver: its candidates and features on sentences written here, the
override rule, and the committed weights' freshness."""
import json

import numpy as np

from articles.extraction import document, extract_article, parse
from articles.extraction.claims import ClaimFinder, resolve, resolver
from articles.extraction.entities import EntityFinder


def prepared(*paragraphs, tags=None):
    art = parse("A headline about things\n\n3 March 2019\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    doc = document.read(art.text, art.blocks)
    finder = EntityFinder(art.text, doc.body, doc.name_starts, art.published, None)
    finder.run()
    entities, mentions, _ = finder.result()
    claims = ClaimFinder(doc, entities, mentions).run()
    resolve(claims, entities)
    return art, entities, mentions, claims, resolver.candidates_for(doc, entities, mentions, tags)


def features_of(cands, rows, entities, name):
    i = next(k for k, e in enumerate(cands) if e is not None and entities[e].name == name)
    return dict(zip(resolver.FEATURES, rows[i], strict=True))


def test_a_hearer_after_told_is_marked_and_the_speaker_before_the_cue_is_not():
    art, entities, mentions, claims, cands_of = prepared(
        "Jane Holloway, an economist at the Urban Institute, said the plan would fail, "
        "in an interview with Reuters on Monday.")
    claim = next(c for c in claims if "plan would fail" in c.text)
    cands, rows = cands_of.for_claim(claim, None)
    jane = features_of(cands, rows, entities, "Jane Holloway")
    assert jane["before_cue"] == 1 and jane["hearer"] == 0 and jane["rule"] == 1
    reuters = features_of(cands, rows, entities, "Reuters")
    assert reuters["hearer"] == 1 and reuters["after_cue"] == 1


def test_the_rules_words_are_a_candidate_when_they_name_no_entity():
    art, entities, mentions, claims, cands_of = prepared(
        "Mark Dunn met the committee on Monday.", "The plan would cut the deficit by half, officials said.")
    claim = next(c for c in claims if "deficit" in c.text)
    assert claim.speaker is None
    cands, rows = cands_of.for_claim(claim, None)
    assert cands[-1] is None and rows[-1][resolver.FEATURES.index("rule")] == 1


def test_the_previous_speaker_is_always_a_candidate():
    art, entities, mentions, claims, cands_of = prepared(
        "Mark Dunn spoke first.", "Then came a long list of things about the weather and the roads.",
        "There were many of them.", "He said the roads were bad.")
    claim = next(c for c in claims if "roads were bad" in c.text)
    dunn = next(i for i, e in enumerate(entities) if e.name == "Mark Dunn")
    cands, rows = cands_of.for_claim(claim, dunn)
    assert dunn in cands
    assert features_of(cands, rows, entities, "Mark Dunn")["previous_speaker"] == 1


def test_a_surname_marks_the_person_of_that_surname_named_last_in_full():
    art, entities, mentions, claims, cands_of = prepared(
        "Hillary Clinton opened her office in Denver. Clinton told volunteers the race was close.",
        "Bill Clinton spoke in Ohio later that day.",
        "“We are going to win this state,” Clinton said.")
    claim = next(c for c in claims if "win this state" in c.text)
    bill = next(i for i, e in enumerate(entities) if e.name == "Bill Clinton")
    assert cands_of.recent_full("Clinton", claim.cue_start) == bill
    assert claim.source.text == "Clinton"
    cands, rows = cands_of.for_claim(claim, None)
    assert features_of(cands, rows, entities, "Bill Clinton")["surname_recent"] == 1
    assert features_of(cands, rows, entities, "Hillary Clinton")["surname_recent"] == 0


def test_a_mention_after_a_preposition_or_by_and_inside_an_apposition_is_marked():
    art, entities, mentions, claims, cands_of = prepared(
        "Tom Harkin, who worked for Governor Ann Marsh, said the bill would pass.",
        "The Associated Press was told by Mark Dunn that the vote was close.")
    claim = next(c for c in claims if "bill would pass" in c.text)
    cands, rows = cands_of.for_claim(claim, None)
    harkin, marsh = (features_of(cands, rows, entities, n) for n in ("Tom Harkin", "Ann Marsh"))
    assert harkin["subject"] == 1 and harkin["after_preposition"] == 0 and harkin["full_name"] == 1
    assert marsh["after_preposition"] == 1 and marsh["subject"] == 0
    claim = next(c for c in claims if "vote was close" in c.text)
    cands, rows = cands_of.for_claim(claim, None)
    assert features_of(cands, rows, entities, "Mark Dunn")["by_agent"] == 1
    assert features_of(cands, rows, entities, "The Associated Press")["hearer"] == 1


def test_the_name_taggers_tags_reach_the_features():
    def dunn_features(tag):
        _, entities, mentions, claims, _ = prepared("Mark Dunn said the roads were bad.")
        dunn = next(m for m in mentions if m.text == "Mark Dunn")
        _, entities, mentions, claims, cands_of = prepared("Mark Dunn said the roads were bad.",
                                                           tags={dunn.start: tag})
        cands, rows = cands_of.for_claim(claims[0], None)
        return features_of(cands, rows, entities, "Mark Dunn")

    per = dunn_features("PER")
    assert per["tag_per"] == 1 and per["tag_disagrees"] == 0
    assert dunn_features("ORG")["tag_disagrees"] == 1


def test_a_name_inside_the_claims_own_words_is_no_candidate():
    art, entities, mentions, claims, cands_of = prepared(
        "Mark Dunn spoke in Leeds on Monday.",
        "He added that if the council sacks Governor Ann Marsh the roads will close.")
    claim = next(c for c in claims if "roads will close" in c.text)
    cands, rows = cands_of.for_claim(claim, None)
    assert all(e is None or entities[e].name != "Ann Marsh" for e in cands)
    assert any(e is not None and entities[e].name == "Mark Dunn" for e in cands)


def test_the_model_overrides_the_rules_only_past_its_margin():
    rows = np.zeros((2, len(resolver.FEATURES)))
    rows[0, resolver.FEATURES.index("rule")] = 1
    rows[1, resolver.FEATURES.index("hearer")] = 1
    w = np.zeros((1 + len(resolver.CROSSES)) * len(resolver.FEATURES))
    w[resolver.FEATURES.index("hearer")] = 1.0  # the other candidate scores 1, the rule 0
    assert resolver.choose(resolver.SourceModel({"weights": w, "margin": 0.5}), [7, 9], rows, 7) == 9
    assert resolver.choose(resolver.SourceModel({"weights": w, "margin": 1.5}), [7, 9], rows, 7) == 7


def test_the_committed_model_matches_the_features_it_was_trained_on():
    data = json.loads(resolver.MODEL_PATH.read_text(encoding="utf-8"))
    assert data["fingerprint"] == resolver.fingerprint(), "features changed: retrain " \
        "(python -m articles.extraction.claims.resolver_train)"
    assert data["features"] == list(resolver.FEATURES)
    assert len(data["weights"]) == (1 + len(resolver.CROSSES)) * len(resolver.FEATURES)
    assert data["adopted"] == (data["cv"]["model_accuracy"] - data["cv"]["rules_accuracy"] >= data["min_gain"])
    assert (resolver.default_model() is not None) == data["adopted"]


def test_offsets_stay_valid_after_the_resolver():
    art = parse("A headline about things\n\n3 March 2019\n\nJane Holloway spoke to CNN on Monday. "
                "“We will win,” she told CNN.\n\n- The Daily Example\n")
    ex = extract_article(art)
    for c in ex.claims:
        assert art.text[c.start:c.end] == c.text
        if c.source is not None and c.source.end > c.source.start:
            assert art.text[c.source.start:c.source.end] == c.source.text
