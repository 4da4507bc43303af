"""Worst-case extraction time: adversarial one-sentence articles of growing size. Linear time shows
as a ratio near 4 when the input grows 4x (quadratic would be 16).

    python benchmarks/extraction_worst_case.py [--sizes 1000 4000]
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.extraction import extract_article, parse  # noqa: E402

UNITS = ["Alpha Said ", "said that ", "£1m $2bn €3 ", 'He said "x" ', "Mr. ", "“", "Bob Smith, ",
         "Two officials, speaking on condition of anonymity, said ", "one in five between 0.7 and 0.9 up from 41 "]


def cost(unit: str, n: int, repeat: int = 3) -> float:
    art = parse("Headline\n\n3 March 2019\n\n" + unit * n + "\n\n- Publisher\n")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        extract_article(art)
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs=2, default=[1000, 4000])
    a = ap.parse_args()
    small, large = a.sizes
    print(f"{'repeated unit':58} {'KB':>6} {small:>7}x s {large:>7}x s  ratio (x{large / small:g} input)")
    for unit in UNITS:
        t1, t2 = cost(unit, small), cost(unit, large)
        kb = len(unit.encode()) * large / 1024
        print(f"{unit!r:58} {kb:6.0f} {t1:9.3f} {t2:9.3f}  {t2 / t1:5.1f}")


if __name__ == "__main__":
    main()
