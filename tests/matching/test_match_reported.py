"""benchmarks/match_reported.py: the reported form of a spoken sentence and a claim's quoted words
(their definition: tests/matching/test_quotes.py; sentences written for these tests)."""
import importlib.util
from pathlib import Path

import numpy as np

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "match_reported.py"


def _module():
    spec = importlib.util.spec_from_file_location("match_reported", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


m = _module()


def test_the_speakers_own_pronouns_become_the_third_person_after_says():
    assert m.reported("I closed the shipyard my father opened.") == "Says he closed the shipyard his father opened."
    assert m.reported("Nobody asked me, so I did it myself.") == "Says Nobody asked him, so he did it himself."


def test_the_auxiliary_after_i_agrees_and_no_other():
    assert m.reported("I am the one who cut the ferry fares.") == "Says he is the one who cut the ferry fares."
    assert m.reported("I have never raised the toll.") == "Says he has never raised the toll."
    assert m.reported("I don't take money from the lobby.") == "Says he doesn't take money from the lobby."
    assert m.reported("They have raised it and I was there.") == "Says They have raised it and he was there."


def test_contractions_the_plural_and_a_text_already_reported():
    assert m.reported("I'm proud and we've built 40 bridges.") == "Says he's proud and they've built 40 bridges."
    assert m.reported("We paid our share.", plural=False) == "Says We paid our share."
    assert m.reported("I lowered the rates.", says=False) == "he lowered the rates."
    assert m.reported("Says the county doubled its debt.") == "Says the county doubled its debt."
    assert m.reported("Ice covers Iowa in winter.") == "Says Ice covers Iowa in winter."


def test_first_person():
    assert m.first_person("I voted for the levy.")
    assert m.first_person("Our schools lost funding.")
    assert not m.first_person("Our schools lost funding.", plural=False)
    assert m.first_person("I’m sure of it.")  # a typographic apostrophe
    assert not m.first_person("The mayor voted for the levy.")


def test_score_columns_are_absolute_gap_and_rank():
    s = np.asarray([0.1, 0.9, 0.5, 0.7], dtype=np.float32)
    cols = m.score_columns(s, np.asarray([2, 1]))
    np.testing.assert_allclose(cols, [[0.5, -0.4, 1 / 3], [0.9, 0.0, 1.0]], rtol=1e-6)
