"""The learned cue model: training on a corpus the test writes itself, and the committed model."""
import json
import random

import pytest

from articles.extraction import extract_article, parse
from articles.extraction.learned.corpus import content_correct, cue_head, read_corpus
from articles.extraction.learned.model import CueModel, default_model
from articles.extraction.learned.train import main as train_main

pytest.importorskip("numpy")

NAMES = ["Anna Smith", "Peter Grant", "Maria Lopez", "Tom Baker", "Jane Holloway", "Omar Haddad",
         "Lucy Chen", "David Okafor", "Sara Berg", "Ivan Petrov"]
CONTENTS = ["the bridge would close in June", "taxes would rise next year", "the vote was rigged",
            "the factory had been sold", "schools would reopen soon", "the river was polluted",
            "prices had doubled since spring", "the plan would cost billions"]
FILLERS = ["The weather was cold on Monday.", "Traffic moved slowly through the town centre.",
           "A crowd gathered outside the hall.", "The meeting ended late in the evening."]


def write_corpus(root, n_docs=30, seed=3):
    """Articles where the made-up word "blorfed" is a reporting verb, with gold spans."""
    rng = random.Random(seed)
    (root / "articles").mkdir(parents=True)
    gold = []
    for d in range(n_docs):
        paras = []
        head = f"Town news number {d}\n\n4 May 2021\n\n"
        offset = len(head)
        for _ in range(4):
            name, content = rng.choice(NAMES), rng.choice(CONTENTS)
            filler = rng.choice(FILLERS)
            sentence = f"{name} blorfed that {content}."
            para = f"{filler} {sentence}"
            s = offset + len(filler) + 1
            cue_start = s + len(name) + 1
            content_start = cue_start + len("blorfed that ")
            gold.append({"doc": f"doc{d}", "content": content, "speakers": [name], "cue": "blorfed",
                         "kind": "indirect", "required": True,
                         "content_spans": [[content_start, content_start + len(content)]],
                         "cue_spans": [[cue_start, cue_start + len("blorfed")]],
                         "source_spans": [[s, s + len(name)]]})
            paras.append(para)
            offset += len(para) + 2
        text = head + "\n\n".join(paras) + "\n\n- Town Gazette\n"
        (root / "articles" / f"doc{d}.txt").write_text(text, encoding="utf-8")
    with open(root / "gold.jsonl", "w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps(g) + "\n")
    return gold


def test_training_learns_a_made_up_cue_word(tmp_path):
    gold = write_corpus(tmp_path / "corpus")
    docs = read_corpus(tmp_path / "corpus")
    # The gold offsets the test wrote point at the words it meant.
    first = docs[0]
    g = first.gold[0]
    assert first.article.text[slice(*g["cue_spans"][0])] == "blorfed"
    assert first.article.text[slice(*g["content_spans"][0])] == g["content"]
    assert len(gold) == 120

    out = tmp_path / "model.json"
    assert train_main(["--corpus", str(tmp_path / "corpus"), "--out", str(out), "--epochs", "80"]) == 0
    model = CueModel.load(out)
    assert model.is_candidate("blorfed")
    # Inflections training never saw are candidates through the stem they share ("blorf").
    assert model.is_candidate("blorfs") and model.is_candidate("blorfing")
    assert not model.is_candidate("blorp") and not model.is_candidate("weather")

    # A sentence the corpus never had: the new cue is found, its content and speaker placed.
    art = parse("A headline\n\n5 May 2021\n\nKaren Holt blorfed that the library would stay open all summer.\n\n"
                "- Town Gazette\n")
    ex = extract_article(art, model=model)
    hits = [c for c in ex.claims if "library would stay open" in c.text]
    assert len(hits) == 1, ex.claims
    claim = hits[0]
    assert claim.origin == "model" and claim.cue == "blorfed"
    assert ex.entities[claim.speaker].name == "Karen Holt"
    assert 0.0 <= claim.confidence <= 1.0
    assert art.text[claim.start:claim.end] == claim.text

    # Without the learned model the rules know nothing of "blorfed".
    empty = CueModel({"version": "0", "vocab": [], "weights": {}})
    assert not [c for c in extract_article(art, model=empty).claims if "library" in c.text]


def test_training_is_deterministic(tmp_path):
    write_corpus(tmp_path / "corpus", n_docs=12)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for out in (a, b):
        assert train_main(["--corpus", str(tmp_path / "corpus"), "--out", str(out), "--epochs", "30"]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_training_refuses_an_empty_corpus(tmp_path, capsys):
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold.jsonl").write_text("")
    assert train_main(["--corpus", str(tmp_path), "--out", str(tmp_path / "m.json")]) == 1
    assert "no readable articles" in capsys.readouterr().err


def test_cue_head_skips_auxiliaries_and_adverbs():
    text = "He has repeatedly cited the audit."
    assert text[cue_head(text, 3, 25):].startswith("cited")
    assert cue_head("said in a statement", 0, 19) == 0


def test_cue_head_skips_articles_infinitive_marks_and_contractions_whatever_the_apostrophe():
    """The label goes on the reporting word, not on what opens the annotated cue span: a
    pronoun's contraction ("He’s predicting", typeset or straight), a negated auxiliary, "to",
    an article."""
    for text, head in (("He’s predicting a landslide", "predicting"), ("He's predicting a landslide", "predicting"),
                       ("they’ve warned", "warned"), ("didn’t disclose", "disclose"), ("I'm hoping", "hoping"),
                       ("to endorse", "endorse"), ("the idea", "idea"), ("an assertion", "assertion"),
                       ("now says", "says")):
        assert text[cue_head(text, 0, len(text)):].startswith(head), text
    # A contraction of a name is not a pronoun's: it is kept ("Trump's" may be a possessive).
    assert cue_head("Trump’s claim", 0, 13) == 0
    # A span of nothing but non-heads keeps its first word.
    assert cue_head("to", 0, 2) == 0


def test_stems_share_a_cue_s_inflections_and_straighten_apostrophes():
    from articles.extraction.learned.features import norm, stem

    assert {stem(w) for w in ("warns", "warned", "warning", "warn")} == {"warn"}
    assert {stem(w) for w in ("argue", "argued", "argues", "arguing")} == {"argu"}
    assert {stem(w) for w in ("denied", "denies", "deny")} == {"deny"}
    assert stem("committed") == stem("commits") == "commit"
    assert norm("he’s") == "he's"


def test_candidates_read_typeset_apostrophes_like_straight_ones():
    model = CueModel({"version": "0", "vocab": ["he's", "said"], "stems": ["warn"], "weights": {}})
    assert model.is_candidate("he’s") and model.is_candidate("he's")
    assert model.is_candidate("warning") and model.is_candidate("warned")
    assert not model.is_candidate("war")  # too short for the back-off


def test_content_correct_follows_the_scoring_rule():
    gold = ["the bridge would close in June"]
    assert content_correct("the bridge would close", gold)
    assert not content_correct("a long paragraph about many other things and the bridge", gold)


def test_committed_model_is_small_loads_once_and_gives_calibrated_confidence():
    model = default_model()
    assert model is not None and model is default_model()
    from articles.extraction.learned.model import MODEL_PATH

    assert MODEL_PATH.stat().st_size <= 5 * 1024 * 1024
    art = parse("A headline\n\n5 May 2021\n\nThe mayor, Karen Holt, believes the library should stay open "
                "all summer.\n\n“We will not close it,” Ms Holt said.\n\n- Town Gazette\n")
    ex = extract_article(art)
    assert ex.claims
    for c in ex.claims:
        assert 0.0 <= c.confidence <= 1.0
        assert art.text[c.start:c.end] == c.text
    # An epistemic cue the rules never attempt, decided by the model (placed before the confidence
    # floor judges it: this one scores near the floor, 0.62).
    import copy

    unfloored = copy.copy(model)
    unfloored.calibration = {**model.calibration, "min_confidence": 0.0}
    believes = [c for c in extract_article(art, model=unfloored).claims if "library should stay open" in c.text]
    assert believes and believes[0].origin == "model"
    assert ex.entities[believes[0].speaker].name == "Karen Holt"


def test_confidence_features_read_the_frame_and_where_the_speaker_is():
    from articles.extraction.learned.features import claim_features

    text = "The mayor said that the library will close, which angered readers."
    start = text.index("the library")
    end = len(text) - 1
    f = claim_features(text, "reported", start, end, "said", "rule", None, "person", "The mayor", (0, 9))
    assert "prev=that" in f
    assert "side=before" in f and "o|gap=rule|before12" in f  # " said that " lies between
    assert "o|spliced=rule" in f  # ", which ..." spliced onto what was said
    assert "commas=1" in f
    # The same words with the speaker named after them.
    text2 = "The library will close, the mayor said."
    f2 = claim_features(text2, "reported", 0, 22, "said", "rule", None, "person", "the mayor", (24, 33))
    assert "side=after" in f2 and "prev=<none>" in f2 and "o|spliced=rule" not in f2


def test_confidence_training_is_regularised_against_cue_word_quirks():
    """A cue word seen with one lucky claim must not earn near-certain confidence: the
    confidence model's L2 keeps a feature seen twice from outweighing the evidence of thousands."""
    from articles.extraction.learned.train import CONFIDENCE_L2, fit

    feats = [["b", "cuew=rare"], ["b", "cuew=rare"]] + [["b"]] * 400
    labels = [1, 1] + [1] * 200 + [0] * 200
    loose = fit(feats, labels, classes=2, epochs=300, l2=1e-6)
    firm = fit(feats, labels, classes=2, epochs=300, l2=CONFIDENCE_L2)

    def weight(w):
        return w["cuew=rare"][1] - w["cuew=rare"][0]

    assert weight(firm) < 0.5 * weight(loose)


def test_the_committed_floor_is_the_one_training_writes_and_drops_claims_under_it():
    """The shipped model's confidence floor is train.py's default (chosen by cross-validation, so a
    retrain keeps it); a claim whose confidence lies under it is dropped, one over it kept."""
    import copy
    import math

    from articles.extraction.learned.train import MIN_CONFIDENCE

    shipped = default_model()
    assert shipped.calibration["min_confidence"] == MIN_CONFIDENCE == 0.62
    art = parse("A headline\n\n5 May 2021\n\nThe harbour master, Ruth Ames, said the ferry would run "
                "twice a day from June.\n\n- Town Gazette\n")

    def claims_at(bias):
        model = copy.copy(shipped)
        # Every claim gets the same confidence: the logistic of the bias feature's weight.
        model.calibration = {"weights": {"b": bias}, "min_confidence": shipped.calibration["min_confidence"]}
        return [c for c in extract_article(art, model=model).claims if "ferry" in c.text]

    under, over = claims_at(0.4), claims_at(0.6)  # 0.599 and 0.646
    assert 1 / (1 + math.exp(-0.4)) < MIN_CONFIDENCE < 1 / (1 + math.exp(-0.6))
    assert not under
    assert len(over) == 1 and over[0].confidence == 0.6457


def _tiny_corpus(root, sentences):
    """One article per (sentence, cue word or None): the cue's gold span, its content the rest after "that"."""
    (root / "articles").mkdir(parents=True)
    gold = []
    for d, (sentence, cue) in enumerate(sentences):
        head = f"Village notes {d}\n\n4 May 2021\n\n"
        (root / "articles" / f"doc{d}.txt").write_text(head + sentence + "\n\n- Valley Post\n", encoding="utf-8")
        if cue:
            cs = len(head) + sentence.index(cue)
            content = sentence.split(" that ", 1)[1].rstrip(".")
            ts = len(head) + sentence.index(content)
            gold.append({"doc": f"doc{d}", "content": content, "speakers": [], "cue": cue, "kind": "indirect",
                         "required": True, "content_spans": [[ts, ts + len(content)]],
                         "cue_spans": [[cs, cs + len(cue)]], "source_spans": []})
    (root / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    return read_corpus(root)


def test_a_verb_whose_forms_are_each_rare_cues_is_a_candidate_through_their_shared_stem(tmp_path):
    from articles.extraction.learned.train import candidate_vocab

    docs = _tiny_corpus(tmp_path / "c", [
        ("The ferryman grumbled that the fares were too low.", "grumbled"),
        ("The innkeeper grumbles that the road is never mended.", "grumbles"),
        # a cue once, and thirty times a word that reports nothing: too rare a cue to decide
        ("The shepherd hollered that the gate was open.", "hollered"),
        *[(f"The children hollered {n} times across the meadow.", None) for n in range(30)],
    ])
    vocab, stems = candidate_vocab(docs)
    model = CueModel({"version": "0", "vocab": sorted(vocab), "stems": sorted(stems), "weights": {}})
    # Each form opened one cue, too few alone; together they reach the model, and so do forms never seen.
    assert model.is_candidate("grumbling") and model.is_candidate("grumbled")
    assert not model.is_candidate("hollering") and not model.is_candidate("hollered")
    # Without the pooled stems (the rule before) neither is a candidate.
    vocab0, stems0 = candidate_vocab(docs, stem_min=0)
    old = CueModel({"version": "0", "vocab": sorted(vocab0), "stems": sorted(stems0), "weights": {}})
    assert not old.is_candidate("grumbling") and not old.is_candidate("grumbled")


def test_cue_model_is_regularised_against_rare_lexical_conjunctions(tmp_path, monkeypatch):
    """The cue model trains at ``CUE_L2``: its weights stay smaller than nearly unregularised ones
    (rare word conjunctions fitted training quirks), and it still learns a cue word it is shown."""
    from articles.extraction.learned import train

    write_corpus(tmp_path / "corpus", n_docs=12)
    docs = read_corpus(tmp_path / "corpus")
    calls = []
    fit = train.fit

    def recording_fit(*args, **kw):
        calls.append(kw.get("l2"))
        return fit(*args, **kw)

    monkeypatch.setattr(train, "fit", recording_fit)
    model = train.train_cue_model(docs, epochs=60)
    monkeypatch.setattr(train, "fit", fit)
    assert calls == [train.CUE_L2] and train.CUE_L2 >= 1e-5
    loose = train.train_cue_model(docs, epochs=60, l2=1e-6)
    biggest = max(abs(x) for v in model.weights.values() for x in v)
    assert biggest < max(abs(x) for v in loose.weights.values() for x in v)
    art = parse("A headline\n\n5 May 2021\n\nKaren Holt blorfed that the library would stay open all summer.\n\n"
                "- Town Gazette\n")
    model.cue_threshold = 0.4
    assert [c for c in extract_article(art, model=model).claims if "library would stay open" in c.text]
