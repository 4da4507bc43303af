"""The resolver's phrase candidate (the words right before the cue that name no entity) becomes the
source only when it is a subject, never a verb phrase: words holding an auxiliary or a modal, also
negated, or a lone adverb of time name nobody ("have both" urged, "doesn't" mince, "now" sentenced), so
even a model that ranks the phrase first leaves the rules' speaker."""
from articles.extraction.claims import resolver

from .test_resolver import _phrase_of, prepared


class PrefersPhrases:
    margin = 0.0

    def scores(self, rows):
        return rows[:, resolver.FEATURES.index("phrase")]


def _reranked(words, *paragraphs):
    art, entities, mentions, claims, cands_of = prepared(*paragraphs)
    claim, phrases = _phrase_of(claims, cands_of, words)
    offered = [art.text[s:e] for (s, e), _ in phrases]
    resolver.rerank(PrefersPhrases(), cands_of, claims, mentions)
    name = entities[claim.speaker].name if claim.speaker is not None else None
    return offered, name, claim.speaker_text


def test_an_auxiliary_after_an_apposition_leaves_the_rules_speaker():
    offered, name, words = _reranked(
        "bridge should close", "The mayor's two rivals, Tom Willett and Ana Ruiz, have both said the bridge should close.")
    assert offered == ["have both"] and name == "Ana Ruiz" and words != "have both"


def test_a_negated_auxiliary_leaves_the_rules_speaker():
    offered, name, words = _reranked(
        "about the budget", "Councilwoman Ana Ruiz, who has backed the union for years, doesn't mince words about "
        "the budget and warned that the bridge should close.")
    assert offered == ["doesn't"] and name == "Ana Ruiz" and words != "doesn't"


def test_a_lone_adverb_of_time_leaves_the_rules_speaker():
    offered, name, words = _reranked(
        "bridge should close", "Ana Ruiz, who had been a judge in Ohio for a decade, now insists the bridge should close.")
    assert offered == ["now"] and name == "Ana Ruiz" and words != "now"


def test_a_noun_phrase_is_still_taken():
    offered, name, words = _reranked(
        "vote early", "Among supporters of Senator Ray Kowalczyk, 58 percent have already said they will vote early.")
    assert offered == ["58 percent"] and name is None and words == "58 percent"


def test_the_verb_phrase_shape():
    assert resolver._verb_phrase(["have", "both"]) and resolver._verb_phrase(["doesn’t"])
    assert resolver._verb_phrase(["could", "be", "heard"]) and resolver._verb_phrase(["now"])
    assert not resolver._verb_phrase(["58", "percent"]) and not resolver._verb_phrase(["public", "records"])
    assert not resolver._verb_phrase(["Republican", "officials"])
