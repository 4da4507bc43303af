"""Claims extracted from article files by the project's extraction, as JSON lines (no database).

    python scripts/news_claims.py ../shared/polnear-train/articles /tmp/polnear-train-claims.jsonl

Each line: article file, published date, claim text, kind, speaker name, the sentence around the
claim and the names of the people and organisations the claim mentions. ``articles.matching.train``
reads this file to make hard negatives (news claims that nearly never have a fact-check); the texts
stay outside the repository.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from articles.extraction import extract_article, parse_bytes  # noqa: E402
from articles.matching.text import sentence_around  # noqa: E402


def claims_of(path: Path) -> list[dict]:
    art = parse_bytes(path.read_bytes())
    ex = extract_article(art)
    out = []
    for c in ex.claims:
        speaker = ex.entities[c.speaker].name if c.speaker is not None else ""
        out.append({"article": path.name, "published": art.published.isoformat() if art.published else "",
                    "text": c.text, "kind": c.kind, "speaker": speaker,
                    "sentence": sentence_around(art.text, c.start, c.end),
                    "mentions": [ex.entities[m].name for m in c.mentions]})
    return out


def main(argv: list[str]) -> int:
    folder, out = Path(argv[0]), Path(argv[1])
    with open(out, "w", encoding="utf-8") as fh:
        for path in sorted(folder.glob("*.txt")):
            for row in claims_of(path):
                fh.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
