"""The seed through import_seeds, checked against its hand-made gold annotation (tests/data/)."""
import json
import re
from collections import Counter
from decimal import Decimal

import pytest

from articles.models import Claim, Organisation, Person, Statistic, name_key
from tests.conftest import DATA


def bag(text):
    return Counter(re.findall(r"\w+", text.lower()))


def holds(pred, gold, share):
    g = bag(gold)
    return sum((bag(pred) & g).values()) / sum(g.values()) >= share


@pytest.fixture
def gold_claims():
    return [json.loads(line) for line in (DATA / "seed-claims.jsonl").read_text().splitlines() if line.strip()]


@pytest.fixture
def gold_entities():
    return json.loads((DATA / "seed-entities.json").read_text())


def speaker_names(claim):
    names = [claim.speaker_text]
    if claim.speaker_id:
        names += [claim.speaker.name, *claim.speaker.aliases.values_list("name", flat=True)]
    if claim.organisation_id:
        names += [claim.organisation.name, *claim.organisation.aliases.values_list("name", flat=True)]
    return {name_key(n) for n in names if n}


def test_every_required_claim_with_its_speaker(imported_seed, gold_claims):
    claims = list(Claim.objects.select_related("speaker", "organisation"))
    required = [g for g in gold_claims if g["required"]]
    assert len(required) == 38
    for g in required:
        found = [c for c in claims if holds(c.text, g["content"], 0.8)]
        assert found, f"not extracted: {g['content'][:70]}"
        if g["speakers"]:
            wanted = {name_key(s) for s in g["speakers"]}
            assert any(speaker_names(c) & wanted or any(w in n for w in wanted for n in speaker_names(c))
                       for c in found), f"wrong speaker for {g['content'][:60]}: {[c.speaker_text for c in found]}"


def test_claims_are_gold(imported_seed, gold_claims):
    """Precision: at least 95% of extracted claims are mostly made of gold text."""
    golds = [g["content"] for g in gold_claims]
    claims = list(Claim.objects.all())
    good = sum(1 for c in claims if any(holds(g, c.text, 0.6) for g in golds)
               or holds(" ".join(g for g in golds if holds(c.text, g, 0.5)), c.text, 0.6))
    assert good / len(claims) >= 0.95


def test_people_once_each_and_no_false_people(imported_seed, gold_entities):
    people = list(Person.objects.prefetch_related("aliases"))
    gold = gold_entities["people"]
    not_people = {name_key(n) for n in gold_entities["not_people"]}
    matched = Counter()
    for p in people:
        names = {name_key(p.name)} | {name_key(a.name) for a in p.aliases.all()}
        assert not names & not_people, p.name
        hits = [i for i, g in enumerate(gold) if names & {name_key(a) for a in g["aliases"] + [g["name"]]}]
        assert hits, f"false person {p.name}"
        matched.update(hits)
    assert sorted(matched) == list(range(len(gold))) and set(matched.values()) == {1}


def test_required_organisations(imported_seed, gold_entities):
    names = set()
    for o in Organisation.objects.prefetch_related("aliases"):
        names |= {name_key(o.name)} | {name_key(a.name) for a in o.aliases.all()}
    required = [g for g in gold_entities["organisations"] if g["required"]]
    found = [g["name"] for g in required if names & {name_key(a) for a in g["aliases"]}]
    assert len(found) >= 10, set(g["name"] for g in required) - set(found)


def test_required_statistics_and_at_most_one_false(imported_seed, gold_entities):
    stats = list(Statistic.objects.all())
    gold = gold_entities["statistics"]

    def kind(unit):
        return "percent" if unit == "percent" else unit

    def matches(s, g):
        return kind(s.unit) == g["unit"] and Decimal(str(g["value"])) in (s.value, s.previous_value)

    assert all(any(matches(s, g) for s in stats) for g in gold if g["required"])
    assert sum(1 for s in stats if not any(matches(s, g) for g in gold)) <= 1


def test_article_fields(imported_seed, gold_entities):
    a = gold_entities["article"]
    assert imported_seed.title == a["title"]
    assert imported_seed.published.isoformat() == a["published"]
    assert imported_seed.publisher.name == a["publisher"]
    assert sum(1 for b in imported_seed.paragraphs if b["kind"] == "bullet") == a["bullets"]
