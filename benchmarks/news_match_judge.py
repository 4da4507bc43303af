"""Top fact-check matches of claims extracted from news, listed for a person to judge.

    python benchmarks/news_match_judge.py --articles ../shared/polnear-dev/articles \
        --factchecks ../shared/checkthat-2020-task2/factchecks.jsonl --out /tmp/news-judge [--judged FILE]

Imports the articles and the library into a fresh SQLite database (as a new user would, through
``import_seeds`` and ``import_factchecks``), then writes ``matches.tsv`` in --out: each claim's best
stored match at "suggested" or "confident" (claim id, level, score, claim, speaker, fact-check
claim, claimant, date). Judge a copy: add a first column ``y`` or ``n`` (the fact-check reviews this
claim or not) and pass it as --judged (on a later run too: judgements are keyed by claim text and
fact-check url, so they survive a re-import) to print the precision per level. The texts stay
outside the repository.
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def key(claim: str, url: str) -> str:
    return f"{claim.strip()}\t{url.strip()}"


def read_judged(path: Path) -> dict[str, str]:
    out = {}
    with open(path, encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) > 9 and row[0] in ("y", "n"):
                out[key(row[4], row[9])] = row[0]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", required=True, type=Path)
    ap.add_argument("--factchecks", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--judged", type=Path, help="a judged matches.tsv (first column y/n)")
    ap.add_argument("--python", default=sys.executable)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="claimsdb-judge-")
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp}/judge.sqlite3", SECRET_KEY="judge-only", DEBUG="1")
    log = open(a.out / "import.log", "w")
    for cmd in (["migrate", "--noinput"], ["import_factchecks", str(a.factchecks.resolve())],
                ["import_seeds", str(a.articles.resolve())]):
        subprocess.run([a.python, "manage.py", *cmd], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                       check=True)
    dump = a.out / "matches.tsv"
    code = f"""
import csv
from articles.models import ClaimMatch
rows = []
seen = set()
for m in ClaimMatch.objects.select_related("claim", "claim__speaker", "factcheck").order_by("claim_id", "-score"):
    if m.claim_id in seen:
        continue
    seen.add(m.claim_id)
    rows.append(["", m.claim_id, m.level, f"{{m.score:.3f}}", m.claim.text, m.claim.speaker.name if m.claim.speaker else "",
                 m.factcheck.claim_reviewed, m.factcheck.claimant, str(m.factcheck.date_published or ""), m.factcheck.url])
with open({str(dump)!r}, "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh, delimiter="\\t")
    w.writerow(["judged", "claim", "level", "score", "claim text", "speaker", "fact-check claim", "claimant", "date", "url"])
    w.writerows(sorted(rows, key=lambda r: (r[2], -float(r[3]))))
print(ClaimMatch.objects.values("claim").distinct().count(), "claims with a stored match")
"""
    r = subprocess.run([a.python, "manage.py", "shell", "-v", "0", "-c", code], cwd=ROOT, env=env,
                       capture_output=True, text=True, check=True)
    print(r.stdout.strip())
    with open(dump, encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))[1:]
    judged = read_judged(a.judged) if a.judged else {}
    for level in ("confident", "suggested"):
        mine = [row for row in rows if row[2] == level]
        marks = [judged.get(key(row[4], row[9])) for row in mine]
        right, known = marks.count("y"), sum(1 for m in marks if m)
        print(f"{level}: {len(mine)} top matches" + (f"; judged {known}, right {right}"
                                                     f" ({right / known:.0%})" if known else ""))
    print(f"wrote {dump}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
