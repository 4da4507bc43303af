"""Check-worthiness: speed, memory, and ranking on whole debate transcripts (CheckThat! 2020 task 5).

    python benchmarks/checkworthiness.py --data ../shared/checkworthy

Prints sentences/s on one core in batches of 500 (the batch API's limit), the resident memory the
model adds, and writes ct20 dev predictions to score with ../shared/checkworthy/score.py (MAP over
documents, the task's measure): the sentences are read from the data folder, never copied.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.checkworthiness import default_model, score  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/checkworthy"))
    a = ap.parse_args()
    rows = [json.loads(line) for line in (a.data / "ct20_debates" / "dev.jsonl").read_text().splitlines() if line]
    before = rss_mb()
    default_model()
    score(["warm up"])
    loaded = rss_mb()
    t0 = time.perf_counter()
    out = []
    for i in range(0, len(rows), 500):
        batch = rows[i:i + 500]
        out += [{"id": r["id"], "score": s.score, "pred": int(s.checkworthy)}
                for r, s in zip(batch, score([r["text"] for r in batch]), strict=True)]
    dt = time.perf_counter() - t0
    print(f"{len(rows)} sentences in {dt:.1f} s: {len(rows) / dt:.0f} sentences/s on one core; "
          f"the loaded model adds {loaded - before:.0f} MB (WordLlama included)")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.write("".join(json.dumps(o) + "\n" for o in out))
    subprocess.run([sys.executable, str(a.data / "score.py"), str(a.data / "ct20_debates" / "dev.jsonl"), fh.name])
    return 0


if __name__ == "__main__":
    sys.exit(main())
