"""The learned name tagger: the committed model, its training, and the entity finder reading it."""
import json
import re

from articles.extraction import extract_article, parse
from articles.extraction.learned.tagger import (
    FINGERPRINT,
    MODEL_PATH,
    Tagger,
    default_tagger,
    sentence_openers,
)
from articles.extraction.learned.train_tagger import main as train_main


def entities(body: str):
    art = parse("A headline\n\n5 May 2021\n\n" + body + "\n\n- Town Gazette\n")
    ex = extract_article(art)
    people = {e.name for e in ex.entities if e.kind == "person"}
    orgs = {e.name for e in ex.entities if e.kind == "organisation"}
    return people, orgs, ex


# -- the committed model ---------------------------------------------------------------------

def test_committed_tagger_matches_its_feature_code():
    """Fails when the feature code changed after the model was trained: retrain with
    python -m articles.extraction.learned.train_tagger --corpus ../shared/polnear-train"""
    model = default_tagger()
    assert model is not None and model is default_tagger()
    assert model.fingerprint == FINGERPRINT
    assert MODEL_PATH.stat().st_size <= 5 * 1024 * 1024


def test_committed_tagger_reads_people_organisations_and_places():
    text = "Senator Maria Lopez told the Environmental Protection Agency in Ohio on Monday that she would vote."
    spans = {text[s:e]: tag for s, e, tag in default_tagger().spans(text)}
    assert spans.get("Maria Lopez") == "PER"
    assert spans.get("Environmental Protection Agency") == "ORG"
    assert spans.get("Ohio") == "LOC"
    assert "Monday" not in spans


def test_sentence_openers_follow_full_stops_and_quotation_marks():
    from articles.extraction.tokens import tokenize

    text = "He left. “Now we go,” she said. Then"
    toks = tokenize(text, 0, len(text))
    opens = {t.word for t, o in zip(toks, sentence_openers(toks), strict=True) if o and t.word.isalpha()}
    assert opens == {"He", "Now", "Then"}


# -- training ---------------------------------------------------------------------------------

FIRST = ["Anna", "Peter", "Maria", "Tom", "Lucy", "Omar", "Sara", "Ivan"]
LAST = ["Smith", "Grant", "Lopez", "Baker", "Chen", "Haddad", "Berg", "Petrov"]
BODIES = ["Zorblat Agency", "Quimby Council", "Frell Institute"]
TOWNS = ["Varnholm", "Esterby", "Pollick"]


def write_silver_corpus(root, n_docs=12):
    """Articles with CoreNLP-style annotations: "<first> <last> of the <body> in <town> spoke."."""
    (root / "articles").mkdir(parents=True)
    lines = []
    for d in range(n_docs):
        text, tokens = f"Town news {d}\n\n4 May 2021\n\n", []
        for k in range(6):
            person = f"{FIRST[(d + k) % 8]} {LAST[(d * 3 + k) % 8]}"
            body, town = BODIES[(d + k) % 3], TOWNS[(d + 2 * k) % 3]
            for piece, ner in [(person, "PERSON"), (" of the ", None), (body, "ORGANIZATION"), (" in ", None),
                               (town, "CITY"), (" spoke on Monday.", None), ("\n\n", None)]:
                for m in re.finditer(r"\w+|[^\w\s]", piece):
                    tag = ner or ("DATE" if m.group() == "Monday" else "O")
                    tokens.append([len(text) + m.start(), len(text) + m.end(), "NNP", tag])
                text += piece
        text += "- Town Gazette\n"
        (root / "articles" / f"doc{d}.txt").write_text(text, encoding="utf-8")
        lines.append(json.dumps({"doc": f"doc{d}", "tokens": tokens, "sentences": [], "coref": []}))
    (root / "corenlp.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_training_learns_made_up_names_and_is_deterministic(tmp_path):
    write_silver_corpus(tmp_path / "corpus")
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for out in (a, b):
        assert train_main(["--corpus", str(tmp_path / "corpus"), "--out", str(out), "--epochs", "4"]) == 0
    assert a.read_bytes() == b.read_bytes()
    model = Tagger.load(a)
    assert model.fingerprint == FINGERPRINT
    text = "Lucy Petrov of the Frell Institute in Esterby spoke on Monday."
    spans = {text[s:e]: tag for s, e, tag in model.spans(text)}
    assert spans == {"Lucy Petrov": "PER", "Frell Institute": "ORG", "Esterby": "LOC"}


def test_training_refuses_a_folder_without_annotations(tmp_path, capsys):
    (tmp_path / "articles").mkdir()
    assert train_main(["--corpus", str(tmp_path), "--out", str(tmp_path / "m.json")]) == 1
    assert "corenlp.jsonl" in capsys.readouterr().err


# -- the entity finder reading the tagger ----------------------------------------------------

def test_acronyms_written_with_dots_are_no_people():
    people, orgs, _ = entities("The E.P.A. said on Monday that the I.R.S. had written to the agency. "
                               "Officials at the S.E.C. declined to comment.")
    assert not any("." in p for p in people), people
    assert "EPA" in orgs  # "E.P.A." is the EPA


def test_places_written_with_dots_are_no_people():
    people, orgs, _ = entities("Senator Karen Holt flew back to Washington D.C. on Tuesday, she said.")
    assert "Karen Holt" in people
    assert not any("Washington" in p for p in people), people
    assert not any("D. C." in o for o in orgs), orgs


def test_sentence_opening_words_are_no_people():
    people, _, _ = entities("Having lost the vote, Karen Holt said she would run again. "
                            "Now, the council said, the plan is dead. "
                            "Injecting Holt into the race, the mayor said the plan was bad.")
    assert "Karen Holt" in people
    assert not {"Having", "Now", "Injecting Holt", "Injecting"} & people, people


def test_an_unfamiliar_first_name_opening_a_sentence_stays_in_the_name():
    people, _, _ = entities("Amelize Joseph said she loves the public school her daughter attends.")
    assert "Amelize Joseph" in people


def test_bureaus_courts_and_movements_are_no_people():
    people, orgs, _ = entities("The Federal Bureau of Prisons said it would appeal to the Sixth Circuit. "
                               "The Movement for Black Lives said it would march.")
    assert not {"Federal Bureau of Prisons", "Movement for Black Lives", "Sixth Circuit"} & people, people


def test_a_transcript_label_resolves_to_the_person_it_names():
    _, orgs, ex = entities("Governor Mike Pence spoke to Chris Wallace on Sunday.\n\n"
                           "WALLACE: Will you win?\n\nPENCE: Well, look, we will win this election.")
    assert "PENCE" not in orgs and "WALLACE" not in orgs
    by_text = {m.text: ex.entities[m.entity].name for m in ex.mentions}
    assert by_text.get("PENCE") == "Mike Pence"
    assert by_text.get("WALLACE") == "Chris Wallace"


def test_a_label_naming_no_one_in_the_article_makes_no_record():
    people, orgs, _ = entities("The council met on Monday.\n\nCLARIFICATION: An earlier version misstated the date.")
    assert "CLARIFICATION" not in orgs and "Clarification" not in people


def test_without_a_tagger_the_rules_decide_alone(monkeypatch):
    from articles.extraction import entities as ent_module

    monkeypatch.setattr(ent_module, "default_tagger", lambda: None)
    people, _, _ = entities("Karen Holt said the plan was dead.")
    assert "Karen Holt" in people


def test_a_surname_opening_a_sentence_stays_the_person_named_in_full():
    """CoreNLP (the tagger's teacher) often leaves "Trump said" at a sentence start untagged: the
    surname of a person named in full elsewhere in the article is still that person."""
    people, _, ex = entities("Donald Trump spoke in Ohio on Monday.\n\n"
                             "Trump said the plan was a disaster. Trump has also said he would win.")
    assert people == {"Donald Trump"}
    speakers = {ex.entities[c.speaker].name for c in ex.claims if c.speaker is not None}
    assert speakers == {"Donald Trump"}


def test_a_programme_someone_appears_on_is_no_person():
    people, _, _ = entities("During an interview on CNBC's Squawk Box, Karen Holt said she would win. "
                            "Squawk Box said it would invite her again. "
                            "She also appeared on ABC's This Week with Martha Raddatz, who said little.")
    assert "Karen Holt" in people and "Martha Raddatz" in people
    assert not {"Squawk Box", "Squawk", "This Week"} & people, people
