"""Article text as HTML with spans (claims, statistics) highlighted and linked to their records."""
from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

STYLE = """<style>
.cdb-text p{margin:0 0 .8em;line-height:1.6;max-width:60em}
.cdb-text li{margin:0 0 .6em;line-height:1.6}
.cdb-text a.cdb-mark{color:inherit;text-decoration:none}
.cdb-quote{background:#fde68a}.cdb-reported{background:#bfdbfe}.cdb-assertion{background:#ddd6fe}
.cdb-stat{background:#bbf7d0;border-bottom:2px solid #16a34a}
.cdb-focus{outline:3px solid #dc2626;background:#fecaca}
.cdb-legend span{padding:0 .4em;margin-right:.6em}
</style>"""


@dataclass
class Span:
    start: int
    end: int
    css: str
    url: str = ""
    title: str = ""


def _render(text: str, base: int, spans: list[Span]) -> str:
    """text is body[base:...]; spans use body offsets. Nested spans nest (a statistic inside a
    quote); crossing ones are clipped. Highlights are ``<mark>`` elements, which may nest; links may
    not (a browser ends the outer one where the inner one begins, cutting the quote's highlight
    short), so each run of text links to the innermost span over it that has a record."""
    spans = sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, -s.end))
    out: list[str] = []
    pos = base
    stack: list[Span] = []

    def emit(upto: int):
        """The text from pos to upto, linked to the innermost linked span over it."""
        nonlocal pos
        chunk = escape(text[pos - base:upto - base])
        pos = upto
        if not chunk:
            return
        link = next((s for s in reversed(stack) if s.url), None)
        if link is None:
            out.append(chunk)
        else:
            out.append(f'<a class="cdb-mark" href="{escape(link.url)}" title="{escape(link.title)}">{chunk}</a>')

    def close_until(limit: int):
        while stack and stack[-1].end <= limit:
            emit(stack[-1].end)
            stack.pop()
            out.append("</mark>")

    for s in spans:
        close_until(s.start)
        end = min(s.end, stack[-1].end) if stack else s.end
        if s.start < pos:
            continue
        emit(s.start)
        out.append(f'<mark class="{s.css}">')
        stack.append(Span(s.start, end, s.css, s.url, s.title))
    close_until(base + len(text))
    emit(base + len(text))
    return "".join(out)


def render_blocks(body: str, blocks: list[dict], spans: list[Span], only: tuple[int, int] | None = None) -> SafeString:
    """Paragraphs and bullets of an article with spans highlighted; ``only`` keeps the blocks
    overlapping that range (a claim's paragraph)."""
    parts = [STYLE, '<div class="cdb-text">']
    for b in blocks:
        if b["kind"] not in ("paragraph", "bullet"):
            continue
        if only and not (b["start"] < only[1] and only[0] < b["end"]):
            continue
        # a quotation running over paragraphs is highlighted in each of them (clipped to the block)
        inner = [replace(s, start=max(s.start, b["start"]), end=min(s.end, b["end"]))
                 for s in spans if s.start < b["end"] and b["start"] < s.end]
        html = _render(body[b["start"]:b["end"]], b["start"], inner)
        parts.append(f"<ul><li>{html}</li></ul>" if b["kind"] == "bullet" else f"<p>{html}</p>")
    parts.append("</div>")
    return mark_safe("".join(parts))


def legend() -> SafeString:
    return format_html('<div class="cdb-legend">{}<span class="cdb-quote">direct quote</span>'
                       '<span class="cdb-reported">reported speech</span><span class="cdb-assertion">assertion</span>'
                       '<span class="cdb-stat">statistic</span></div>', mark_safe(STYLE))
