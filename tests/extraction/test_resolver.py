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


def test_the_subject_of_the_previous_sentence_and_of_the_cues_sentence_are_marked():
    art, entities, mentions, claims, cands_of = prepared(
        "But Gov. Nathan Kettleby hired Paul Ostrander as his adviser last spring. "
        "He said the move had paid off.")
    claim = next(c for c in claims if "paid off" in c.text)
    cands, rows = cands_of.for_claim(claim, None)
    nathan = features_of(cands, rows, entities, "Nathan Kettleby")
    paul = features_of(cands, rows, entities, "Paul Ostrander")
    assert nathan["subject_previous_sentence"] == 1 and paul["subject_previous_sentence"] == 0
    art, entities, mentions, claims, cands_of = prepared(
        "Mayor Tom Reddick, who worked for Alan Pruitt, said the bridge would open in May.")
    claim = next(c for c in claims if "bridge" in c.text)
    cands, rows = cands_of.for_claim(claim, None)
    assert features_of(cands, rows, entities, "Tom Reddick")["subject_this_sentence"] == 1
    assert features_of(cands, rows, entities, "Alan Pruitt")["subject_this_sentence"] == 0


def test_who_spoke_a_claim_cued_in_this_or_the_previous_sentence_is_marked():
    art, entities, mentions, claims, cands_of = prepared(
        "Carla Menzies praised Oliver Hartwell on Tuesday. "
        "\"He works harder than anyone,\" Menzies said. \"I trust him,\" she said.")
    ordered = sorted(claims, key=lambda c: c.start)
    first = next(c for c in ordered if "works harder" in c.text)
    second = next(c for c in ordered if "trust him" in c.text)
    spoke = {first.speaker: first.cue_start}
    cands, rows = cands_of.for_claim(second, first.speaker, spoke)
    carla = dict(zip(resolver.FEATURES, rows[cands.index(first.speaker)], strict=True))
    assert entities[first.speaker].name.endswith("Menzies")
    assert carla["spoke_near"] == 1 and carla["spoke_last"] == 1
    far = {first.speaker: 0}  # a cue paragraphs away is not near
    cands, rows = cands_of.for_claim(second, None, far)
    assert rows[cands.index(first.speaker)][resolver.FEATURES.index("spoke_near")] == 0


def test_a_person_named_after_told_and_a_possessive_is_a_hearer():
    art, entities, mentions, claims, cands_of = prepared(
        '"The deal is dead," Senator Rosa Blaylock told NBC\'s Dan Whitcombe on Sunday.')
    claim = next(c for c in claims if "deal is dead" in c.text)
    cands, rows = cands_of.for_claim(claim, None)
    assert features_of(cands, rows, entities, "Dan Whitcombe")["hearer"] == 1
    assert features_of(cands, rows, entities, "Rosa Blaylock")["hearer"] == 0


def test_the_shape_of_the_rules_words_is_read():
    shape = resolver._words_features
    assert shape("forcefully")["words_lower"] == 1 and shape("a senior official")["words_lower"] == 0
    assert shape("a senior official")["words_determiner"] == 1
    assert shape("WASHINGTON")["words_caps"] == 1 and shape("Audiences")["words_one_capitalised"] == 1
    assert shape("She regularly")["words_pronoun_lead"] == 1 and shape("she")["words_pronoun_lead"] == 0


def test_a_continuation_follows_the_resolvers_choice_for_its_quotation():
    art, entities, mentions, claims, cands_of = prepared(
        "Dana Whitlock spoke with Greg Parnell at the rally in Tulsa on Friday.",
        # (A sentence between: a quotation right after the reported claim would be one claim with it.)
        "Whitlock said the new school would open in May. The district has planned the building for years. "
        "\"It will be a great day for Tulsa.\"")
    ordered = sorted(claims, key=lambda c: c.start)
    cued = next(c for c in ordered if "new school" in c.text)
    cont = next(c for c in ordered if "great day" in c.text)
    assert cont.cue_start is None and cont.frame == "continuation" and cont.speaker == cued.speaker
    parnell = next(i for i, e in enumerate(entities) if e.name == "Greg Parnell")

    class PrefersOthers:  # ranks every candidate above the rules' own
        margin = 0.0

        def scores(self, rows):
            return -rows[:, resolver.FEATURES.index("rule")]

    resolver.rerank(PrefersOthers(), cands_of, claims, mentions)
    assert cued.speaker == parnell and cont.speaker == parnell and cont.speaker_text == "Greg Parnell"


def _phrase_of(claims, cands_of, words):
    claim = next(c for c in claims if words in c.text)
    cands, rows = cands_of.for_claim(claim, None)
    phrases = [(e, r) for e, r in zip(cands, rows, strict=True) if isinstance(e, tuple)]
    return claim, phrases


def test_the_noun_phrase_before_the_cue_is_a_candidate_past_gap_words_when_no_name_ends_it():
    art, entities, mentions, claims, cands_of = prepared(
        "Among supporters of Senator Ray Kowalczyk, 58 percent have already said they will vote early.")
    claim, phrases = _phrase_of(claims, cands_of, "vote early")
    assert entities[claim.speaker].name == "Ray Kowalczyk"  # the rules take the name
    assert [art.text[s:e] for (s, e), _ in phrases] == ["58 percent"]
    f = dict(zip(resolver.FEATURES, phrases[0][1], strict=True))
    assert f["phrase"] == 1 and f["phrase_number"] == 1 and f["rule"] == 0


def test_the_rules_own_words_are_not_repeated_as_a_phrase():
    art, entities, mentions, claims, cands_of = prepared(
        "Governor Alice Brennan faced new questions on Tuesday.",
        # (The subject before the cue: a trailing ", filings show." rests on the cue model's probability
        # alone, which 3.4's regularised model puts under its threshold.)
        "County tax filings show that the payments went to a firm run by her brother.")
    claim, phrases = _phrase_of(claims, cands_of, "payments went")
    assert claim.speaker_text == "County tax filings" and phrases == []


def test_no_phrase_candidate_for_a_name_a_pronoun_or_an_adverb_before_the_cue():
    art, entities, mentions, claims, cands_of = prepared(
        "Mayor Tom Willett said the bridge would reopen in June.",
        "He said the repairs had cost too much.")
    for words in ("bridge would reopen", "repairs had cost"):
        assert _phrase_of(claims, cands_of, words)[1] == []
    assert resolver._gap_word("forcefully") and not resolver._gap_word("family")


def test_a_phrase_the_model_picks_becomes_the_source_by_its_words():
    art, entities, mentions, claims, cands_of = prepared(
        "Among supporters of Senator Ray Kowalczyk, 58 percent have already said they will vote early.")

    class PrefersPhrases:
        margin = 0.0

        def scores(self, rows):
            return rows[:, resolver.FEATURES.index("phrase")]

    resolver.rerank(PrefersPhrases(), cands_of, claims, mentions)
    claim = next(c for c in claims if "vote early" in c.text)
    assert claim.speaker is None and claim.speaker_text == "58 percent"
    assert art.text[claim.source.start:claim.source.end] == "58 percent"


def test_words_that_end_in_no_noun_are_told_apart_from_a_source():
    shape = resolver._words_features
    assert shape("Meanwhile")["words_sentence_opener"] == 1 and shape("Ms. Okafor")["words_sentence_opener"] == 0
    assert shape("Thursday")["words_day"] == 1
    assert shape("Their")["words_head_function"] == 1 and shape("their lawyers")["words_head_function"] == 0
    assert shape("angrily")["words_head_adverb"] == 1 and shape("the family")["words_head_adverb"] == 0
    assert shape("Standing")["words_ing"] == 1 and shape("the king")["words_ing"] == 0
    assert shape("the board would")["words_verbal"] == 1 and shape("the board")["words_verbal"] == 0
    assert shape("a spokeswoman")["words_source_noun"] == 1
    assert shape("the mayor called it “a disgrace")["words_quote_mark"] == 1


def test_the_paragraph_of_the_cue_is_read_for_each_candidate():
    # Two paragraphs: Irene Castellano opens the first, Bruno Faltermeyer is named at its end, then a
    # new paragraph about Castellano whose "She said" cue has both within its sentence window.
    art, entities, mentions, claims, cands_of = prepared(
        "Irene Castellano toured the shipyard on Friday. Later she met Bruno Faltermeyer at the docks.",
        "Castellano returned to the capital in the evening. She said the yard would stay open.")
    claim = next(c for c in claims if "yard would stay open" in c.text)
    cands, rows = cands_of.for_claim(claim, None)
    irene = features_of(cands, rows, entities, "Irene Castellano")
    bruno = features_of(cands, rows, entities, "Bruno Faltermeyer")
    assert irene["same_paragraph"] == 1 and irene["paragraph_first"] == 1
    assert bruno["same_paragraph"] == 0 and bruno["paragraph_first"] == 0
    assert irene["log_paragraph_count"] > bruno["log_paragraph_count"] > 0


def test_a_paragraph_naming_nobody_yet_takes_the_first_person_of_the_one_before():
    art, entities, mentions, claims, cands_of = prepared(
        "Walter Benedikt chaired the hearing, and Agnes Morrow read the report aloud.",
        "In the end the vote was close. He said the result was fair.")
    claim = next(c for c in claims if "result was fair" in c.text)
    cands, rows = cands_of.for_claim(claim, None)
    walter = features_of(cands, rows, entities, "Walter Benedikt")
    agnes = features_of(cands, rows, entities, "Agnes Morrow")
    assert walter["paragraph_first"] == 1 and agnes["paragraph_first"] == 0
    assert walter["same_paragraph"] == 0


def test_the_possessor_of_the_rules_words_is_no_candidate():
    # "Mark Dunn's chief of staff" speaks; Dunn, named as its possessor (and as the previous speaker),
    # is no candidate, so the resolver cannot move the claim to him.
    art, entities, mentions, claims, cands_of = prepared(
        "Mark Dunn said on Monday that the depot would close.",
        "Mark Dunn's chief of staff said that the depot would stay open until June.")
    claim = next(c for c in claims if "until June" in c.text)
    assert claim.speaker is None and claim.speaker_text == "Mark Dunn's chief of staff"
    dunn = next(i for i, e in enumerate(entities) if e.name == "Mark Dunn")
    cands, rows = cands_of.for_claim(claim, dunn)
    assert dunn not in cands
    ex = extract_article(art)
    c = next(c for c in ex.claims if "until June" in c.text)
    assert c.speaker is None and c.speaker_text == "Mark Dunn's chief of staff"


def test_a_name_in_the_rules_words_that_owns_nothing_stays_a_candidate():
    art, entities, mentions, claims, cands_of = prepared(
        "Mark Dunn met the committee on Monday.",
        "The plan would cut the deficit by half, an aide to Mark Dunn said.")
    claim = next(c for c in claims if "deficit" in c.text)
    cands, rows = cands_of.for_claim(claim, None)
    assert any(e is not None and entities[e].name == "Mark Dunn" for e in cands)


def test_words_ending_in_a_has_are_no_source_the_resolver_may_choose():
    # "'s" is "has": the phrase "Tom Reyes's always" is no noun phrase; Reyes, whom the rules named, speaks.
    for sentence in ("Tom Reyes's always said the plan would work.",
                     "Tom Reyes's has repeatedly said the plan would work.",
                     '"The plan will work," Tom Reyes\'s always said.'):
        ex = extract_article(parse("A headline about things\n\n3 March 2019\n\nTom Reyes met the board on Monday."
                                   f"\n\n{sentence}\n\n- The Daily Example\n"))
        c = next(c for c in ex.claims if "plan" in c.text)
        assert c.speaker is not None and ex.entities[c.speaker].name == "Tom Reyes", (sentence, c.speaker_text)
    assert resolver._has_phrase("Tom Reyes's always") and resolver._has_phrase("Jo Sharp’s")
    assert not resolver._has_phrase("Tom Reyes's lawyer") and not resolver._has_phrase("the agency")


def test_the_possessor_in_the_apposition_of_the_rules_person_is_no_candidate():
    # "Ann Ford, Mayor Carl Ostrow's spokeswoman, said": she speaks for him; he is not the speaker.
    art, entities, mentions, claims, cands_of = prepared(
        "Mayor Carl Ostrow opened the new depot on Monday.",
        "Ann Ford, Mayor Carl Ostrow's spokeswoman, said the buses would run again by the spring.")
    claim = next(c for c in claims if "buses would run" in c.text)
    assert entities[claim.speaker].name == "Ann Ford"
    cands, _ = cands_of.for_claim(claim, None)
    names = {entities[e].name for e in cands if isinstance(e, int)}
    assert "Ann Ford" in names and "Carl Ostrow" not in names


def test_a_name_in_the_apposition_that_owns_nothing_stays_a_candidate():
    art, entities, mentions, claims, cands_of = prepared(
        "Mayor Carl Ostrow opened the new depot on Monday.",
        "Ann Ford, Carl Ostrow's remarks aside, said the buses would run again by the spring.")
    claim = next(c for c in claims if "buses would run" in c.text)
    cands, _ = cands_of.for_claim(claim, None)
    assert "Carl Ostrow" in {entities[e].name for e in cands if isinstance(e, int)}
