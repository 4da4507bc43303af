"""Quotations in single marks (issue #22: British, Irish, Australian, Indian outlets): each article of
a corpus rewritten in British style, then extracted beside the original. A reader that knows both
styles finds the same claims in each.

The rewrite keeps every offset: each quotation in double marks is put in single ones (“ ” → ‘ ’,
" → ') and the single marks quoted inside it in double ones; apostrophes stay. The articles are
extracted as written and as rewritten (the shipped models), and the claims compared by their span,
kind and speaker. ``--off`` reads single marks as before (marks.view off): the figure to beat.

    python benchmarks/quote_marks.py [--corpus ../shared/polnear-dev] [--off] [--limit N]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extraction import document, extract_article, marks, parse  # noqa: E402
from articles.extraction.text import find_quotes  # noqa: E402
from articles.extraction.types import ParsedArticle  # noqa: E402

_SINGLE = {"“": "‘", "”": "’", '"': "'"}
_DOUBLE = {"‘": "“", "’": "”", "'": '"'}


def british(article: ParsedArticle) -> str:
    """The article's text with its quotations in single marks and the quotations inside them in
    double ones (same length)."""
    text = article.text
    chars = list(text)
    for b in article.blocks:
        if b.kind not in ("paragraph", "bullet", "headline"):
            continue
        for q in find_quotes(text, b.start, b.end):
            if text[q.start:q.start + 2] == "''" or text[q.end - 2:q.end] == "''":
                continue  # the wires' two apostrophes: left as they are
            for p in marks.single_pairs(text, q.start + 1, q.end - 1 if q.closed else q.end):
                chars[p.open] = _DOUBLE[text[p.open]]
                if p.close is not None:
                    chars[p.close] = _DOUBLE[text[p.close]]
            if q.opened and text[q.start] in _SINGLE:
                chars[q.start] = _SINGLE[text[q.start]]
            if q.closed and text[q.end - 1] in _SINGLE:
                chars[q.end - 1] = _SINGLE[text[q.end - 1]]
    return "".join(chars)


def claims_of(article: ParsedArticle):
    ex = extract_article(article)
    out = set()
    for c in ex.claims:
        assert article.text[c.start:c.end] == c.text, "a claim's text is not sliced from the text"
        name = ex.entities[c.speaker].name if c.speaker is not None else c.speaker_text
        out.add((c.start, c.end, c.kind, name))
    return out, ex.claims


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "polnear-dev"))
    ap.add_argument("--off", action="store_true", help="read single marks as before (no marks.view)")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", action="store_true", help="print the claims found in one version only")
    args = ap.parse_args()
    if args.off:
        document.marks.view = lambda text, blocks: text
    files = sorted(Path(args.corpus, "articles").glob("*.txt"))[:args.limit or None]
    same = orig_n = brit_n = 0
    quotes = [0, 0]
    speakers = [0, 0]
    for f in files:
        art = parse(f.read_text(encoding="utf-8"))
        a, ca = claims_of(art)
        bart = ParsedArticle(british(art), art.title, art.published, art.publisher, art.blocks, art.source_url)
        b, cb = claims_of(bart)
        same += len(a & b)
        if args.show:
            for tag, only in (("written only", a - b), ("single only", b - a)):
                for s, e, kind, name in sorted(only):
                    print(f"{f.name[:40]} {tag}: {kind} {name!r} | {art.text[s:e][:160]!r}")
        orig_n += len(a)
        brit_n += len(b)
        for i, cs in enumerate((ca, cb)):
            quotes[i] += sum(c.kind == "quote" for c in cs)
            speakers[i] += sum(c.speaker is not None for c in cs)
    print(f"{len(files)} articles; claims as written {orig_n}, in single marks {brit_n}, the same (span, kind, "
          f"speaker) {same}: recall {same / max(orig_n, 1):.4f}, precision {same / max(brit_n, 1):.4f}")
    print(f"quotes {quotes[0]} / {quotes[1]}; claims with a speaker record {speakers[0]} / {speakers[1]}")


if __name__ == "__main__":
    main()
