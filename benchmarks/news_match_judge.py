"""Top fact-check matches of claims extracted from news, listed for a person to judge.

    python benchmarks/news_match_judge.py --articles ../shared/polnear-dev/articles \
        --factchecks ../shared/checkthat-2020-task2/factchecks.jsonl --out /tmp/news-judge [--judged FILE]

Imports the articles and the library into a fresh SQLite database (as a new user would, through
``import_seeds`` and ``import_factchecks``), then writes ``matches.tsv`` in --out: each claim's best
stored match at "suggested" or "confident" (claim id, level, score, claim, speaker, fact-check
claim, claimant, date, url, the claim's date) and, for a claim with none, its top candidate when
the model's score alone reaches "suggested", with the news rule that hides it (level "-"). Judge a
copy: add a first column ``y`` or ``n`` (the fact-check reviews this claim or not) and pass it as
--judged (on a later run too: judgements are keyed by claim text and fact-check url, so they
survive a re-import) to print the precision per level and, for choosing
``services.matching.NEWS_SUGGESTED`` on training articles, per score cut. ``--db FILE`` keeps the
database: a later run with it skips the import and matches every claim again. The texts stay
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
            if len(row) > 9 and row[0] in ("y", "n"):  # older files end at the url
                out[key(row[4], row[9])] = row[0]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", required=True, type=Path)
    ap.add_argument("--factchecks", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--judged", type=Path, help="a judged matches.tsv (first column y/n)")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--db", type=Path, help="the SQLite file to import into (kept); when it exists, the "
                    "import is skipped and every claim is matched again with the current code")
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    db = a.db.resolve() if a.db else Path(tempfile.mkdtemp(prefix="claimsdb-judge-")) / "judge.sqlite3"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", SECRET_KEY="judge-only", DEBUG="1")
    log = open(a.out / "import.log", "w")
    if db.exists():
        rematch = ("from articles.models import Claim\nfrom articles.services import matching\n"
                   "claims = list(Claim.objects.order_by('pk'))\n"
                   "for i in range(0, len(claims), 500):\n    matching.match_claims(claims[i:i + 500])\n")
        subprocess.run([a.python, "manage.py", "shell", "-v", "0", "-c", rematch], cwd=ROOT, env=env, stdout=log,
                       stderr=subprocess.STDOUT, check=True)
    else:
        for cmd in (["migrate", "--noinput"], ["import_factchecks", str(a.factchecks.resolve())],
                    ["import_seeds", str(a.articles.resolve())]):
            subprocess.run([a.python, "manage.py", *cmd], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                           check=True)
    dump = a.out / "matches.tsv"
    code = f"""
import csv
from articles.models import Claim, ClaimMatch, FactCheck
from articles.services import matching
best = {{}}
for m in ClaimMatch.objects.order_by("claim_id", "-score"):
    best.setdefault(m.claim_id, m)
claims = list(Claim.objects.select_related("speaker").order_by("pk"))
contexts, worth = matching.claim_contexts(claims), matching.claim_checkworthiness(claims)
lib, floor = matching.library(), matching.thresholds()["suggested"]
rows = []
for c in claims:
    ctx, said = contexts[c.pk]
    m, gate = best.get(c.pk), ""
    if m is None:  # not shown: its top candidate when the model alone would have suggested it, and why not
        if not matching.matchable(c.text, worth[c.pk]):
            continue
        top = lib.match(c.text, limit=1, context=ctx, checkworthiness=worth[c.pk])
        if not top or top[0].score < floor:
            continue
        m = ClaimMatch(claim=c, factcheck=FactCheck.objects.get(pk=top[0].id), score=top[0].score, level="-")
        reviewed = matching.reviewed_dates([m.factcheck.pk]).get(m.factcheck.pk) or m.factcheck.date_published
        gate = matching.news_gate(m.score, said, reviewed, top[0].subject_conflict, top[0].restates) or "other rule"
    rows.append(["", c.pk, m.level, f"{{m.score:.3f}}", c.text, c.speaker.name if c.speaker else "",
                 m.factcheck.claim_reviewed, m.factcheck.claimant, str(m.factcheck.date_published or ""),
                 m.factcheck.url, str(said or ""), gate])
with open({str(dump)!r}, "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh, delimiter="\\t")
    w.writerow(["judged", "claim", "level", "score", "claim text", "speaker", "fact-check claim", "claimant", "date",
                "url", "said", "not shown because"])
    w.writerows(sorted(rows, key=lambda r: (r[2], -float(r[3]))))
print(len(best), "claims with a stored match;", len(rows) - len(best), "more whose top reaches", floor, "unshown")
"""
    r = subprocess.run([a.python, "manage.py", "shell", "-v", "0", "-c", code], cwd=ROOT, env=env,
                       capture_output=True, text=True, check=True)
    print(r.stdout.strip())
    with open(dump, encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))[1:]
    judged = read_judged(a.judged) if a.judged else {}
    mark = {id(row): judged.get(key(row[4], row[9])) for row in rows}
    for level in ("confident", "suggested", "-"):
        mine = [row for row in rows if row[2] == level]
        marks = [mark[id(row)] for row in mine]
        right, known = marks.count("y"), sum(1 for m in marks if m)
        print(f"{level if level != '-' else 'not shown'}: {len(mine)} top matches" + (
            f"; judged {known}, right {right}" f" ({right / known:.0%})" if known else ""))
    if judged:  # for choosing the news threshold: judged tops at or above each cut, time and subject gates applied
        open_rows = [row for row in rows if row[11] in ("", "under the news threshold") and mark[id(row)]]
        for cut in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9):
            marks = [mark[id(row)] for row in open_rows if float(row[3]) >= cut]
            print(f"  at >= {cut}: {marks.count('y')} right of {len(marks)}")
    print(f"wrote {dump}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
