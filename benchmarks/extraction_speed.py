"""Words per second through the extractor on one core, peak memory, the memory the learned
model adds to a process, and (when the folder beside the articles has gold.jsonl) a reliability
table: claims binned by their confidence, with the share whose content is annotated content.

    python benchmarks/extraction_speed.py [--articles DIR] [--repeat N]
"""
import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


RSS_BEFORE = rss_mb()
from articles.extraction import extract_article, parse_bytes  # noqa: E402
from articles.extraction.learned.corpus import content_correct  # noqa: E402
from articles.extraction.learned.model import default_model  # noqa: E402
from articles.extraction.learned.tagger import default_tagger  # noqa: E402

RSS_CODE = rss_mb()
default_model()
RSS_MODEL = rss_mb()
default_tagger()
RSS_TAGGER = rss_mb()


def tagger_speed(parsed, repeat: int) -> None:
    """The name tagger alone over the headline and body blocks: tokens/s and words/s."""
    tagger = default_tagger()
    if tagger is None:
        print("name tagger: no model file")
        return
    blocks = [(p.text, b.start, b.end) for p in parsed for b in p.blocks
              if b.kind in ("headline", "paragraph", "bullet")]
    words = sum(len(t[s:e].split()) for t, s, e in blocks)
    best, tokens = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        tokens = sum(len(tagger.tag(t, s, e)) for t, s, e in blocks)
        best = min(best, time.perf_counter() - t0)
    print(f"name tagger alone: {tokens / best:,.0f} tokens/s, {words / best:,.0f} words/s, one core; "
          f"loaded: +{RSS_TAGGER - RSS_MODEL:.1f} MB RSS ({len(tagger.index):,} features)")


def reliability(parsed, names, gold_path: Path):
    import json

    gold: dict[str, list[str]] = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            gold.setdefault(g["doc"], []).append(g["content"])
    bins = [(0.0, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
    counts = [[0, 0] for _ in bins]
    for p, name in zip(parsed, names, strict=True):
        for c in extract_article(p).claims:
            ok = content_correct(c.text, gold.get(name, []))
            for k, (lo, hi) in enumerate(bins):
                if lo <= c.confidence < hi:
                    counts[k][0] += 1
                    counts[k][1] += ok
    print(f"reliability against {gold_path} (content precision by confidence):")
    print("  confidence   claims  precision")
    for (lo, hi), (n, ok) in zip(bins, counts, strict=True):
        print(f"  [{lo:.1f}, {min(hi, 1.0):.1f}{']' if hi > 1 else ')'}  {n:7d}  {ok / n if n else 0:9.3f}")
    hi_n = sum(n for (lo, _), (n, _) in zip(bins, counts, strict=True) if lo >= 0.8)
    hi_ok = sum(ok for (lo, _), (_, ok) in zip(bins, counts, strict=True) if lo >= 0.8)
    print(f"  >= 0.8       {hi_n:7d}  {hi_ok / hi_n if hi_n else 0:9.3f}")


def default_dir() -> Path:
    dev = ROOT.parent / "shared" / "polnear-dev" / "articles"
    return dev if dev.is_dir() else ROOT / "seeds"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=Path, default=default_dir())
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    files = sorted(a.articles.glob("*.txt"))
    parsed = [parse_bytes(f.read_bytes()) for f in files]
    words = sum(len(p.text.split()) for p in parsed)
    for p in parsed[:3]:
        extract_article(p)  # warm-up: regex compilation
    best = float("inf")
    claims = 0
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        claims = sum(len(extract_article(p).claims) for p in parsed)
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    for p in parsed:
        extract_article(p)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(files)} from {a.articles}")
    print(f"words: {words}, claims: {claims}")
    print(f"extraction: {words / best:,.0f} words/s ({len(files) / best:,.1f} articles/s), best of {a.repeat} runs, one core")
    print(f"peak traced memory during extraction: {peak / 1e6:.1f} MB; process peak RSS: {rss:.0f} MB")
    print(f"learned model loaded: +{RSS_MODEL - RSS_CODE:.1f} MB RSS (code and word lists: +{RSS_CODE - RSS_BEFORE:.1f} MB)")
    tagger_speed(parsed, a.repeat)
    gold = a.articles.parent / "gold.jsonl"
    if gold.exists():
        reliability(parsed, [f.stem for f in files], gold)


if __name__ == "__main__":
    main()
