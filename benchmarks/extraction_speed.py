"""Words per second through the extractor on one core, and peak memory.

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

from articles.extraction import extract_article, parse_bytes  # noqa: E402


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


if __name__ == "__main__":
    main()
