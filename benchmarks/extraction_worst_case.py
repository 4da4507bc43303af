"""Worst-case extraction time: adversarial one-sentence articles of growing size, and articles of
many claims. Linear time shows as a ratio near 4 when the input grows 4x (quadratic would be 16).

    python benchmarks/extraction_worst_case.py [--sizes 1000 4000]

The last lines give the two cases of audit 3: nested quotation marks in one sentence (D18) and many
claims, in paragraphs of five (D08); each must stay near 4x.
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.extraction import extract_article, parse  # noqa: E402

UNITS = ["Alpha Said ", "said that ", "£1m $2bn €3 ", 'He said "x" ', "Mr. ", "“", "Bob Smith, ",
         "Two officials, speaking on condition of anonymity, said ", "one in five between 0.7 and 0.9 up from 41 ",
         'He said "x". ', "Bob Smith said it. He said so. ", "the official said ", '"He said \'she said "x" ',
         "‘We said so,’ she said. ", "‘the Joneses’ house ", "'He said \"x\" ' "]  # single marks (marks.py)
NESTED = '"He said \'she said "x" '  # D18: one "sentence" of nested quotation marks
CLAIMS = "Officials said costs rose sharply this year. "  # D08: five claims a paragraph


def body(unit: str, n: int) -> str:
    if unit == CLAIMS:  # n sentences in paragraphs of five
        return "\n\n".join([unit * 5] * max(1, n // 5))
    return unit * n


def cost(unit: str, n: int, repeat: int = 3) -> float:
    art = parse("Headline\n\n3 March 2019\n\n" + body(unit, n) + "\n\n- Publisher\n")
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
    ratios = {}
    for unit in [*UNITS, CLAIMS]:
        t1, t2 = cost(unit, small), cost(unit, large)
        ratios[unit] = t2 / t1
        kb = len(body(unit, large).encode()) / 1024
        label = f"{unit!r} in paragraphs of 5" if unit == CLAIMS else repr(unit)
        print(f"{label:58} {kb:6.0f} {t1:9.3f} {t2:9.3f}  {t2 / t1:5.1f}")
    print()
    for name, unit in (("nested quotes (D18)", NESTED), ("many claims (D08)", CLAIMS)):
        r = ratios[unit]
        verdict = "linear" if r < 6 else "SUPER-LINEAR"
        print(f"{name}: x{r:.1f} the time for x{large / small:g} the input: {verdict}")


if __name__ == "__main__":
    main()
