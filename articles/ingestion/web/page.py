"""One web page's HTML to an article: headline, dates, author, publisher, canonical address,
language and the body's paragraphs, then the seed-format text the rest of ClaimsDB reads.

No Django import: runs in importer worker processes. The body comes from trafilatura; the page's
own NewsArticle JSON-LD (``articleBody``) replaces it when it carries the same article more fully
(see ``choose_body``); dates come from the JSON-LD, then htmldate.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urljoin, urlsplit

import charset_normalizer
import extruct
import htmldate
import lxml.html
import trafilatura

# Bumped when the same HTML would give a different article (stored articles are then re-imported).
VERSION = "web-1"

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "report", "webpage",
                 "liveblogposting", "scholarlyarticle", "techarticle", "posting", "socialmediaposting"}
EARLIEST = date(1800, 1, 1)
MAX_HEADLINE = 500
MAX_PUBLISHER = 200
# Trafilatura's options, chosen by cross-validation over the shared benchmark pages (see
# benchmarks/web_extraction_cv.py: all 5 folds chose it, held-out F1 0.9685): favor_precision, tables out
# (read only when nothing is found outside them).
TRAFILATURA_OPTIONS = dict(favor_recall=False, favor_precision=True, include_tables=False, include_comments=False,
                           include_images=False, include_links=False, include_formatting=False, deduplicate=False)


class PageError(ValueError):
    """The page is no usable article; the message says why, in one line."""


@dataclass
class WebArticle:
    headline: str
    published: date | None
    blocks: list[tuple[str, str]]  # (kind, text): kind "paragraph" or "bullet"
    modified: date | None = None
    author: str = ""
    publisher: str = ""
    canonical_url: str = ""  # as the page declares it (link rel=canonical, og:url, JSON-LD)
    language: str = ""
    description: str = ""
    body_from: str = "trafilatura"  # or "json-ld"
    metadata: dict = field(default_factory=dict)


# -- decoding ---------------------------------------------------------------------------------
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """HTML bytes to text: a byte-order mark, then the HTTP header's charset, then the page's
    ``<meta charset>``, then strict UTF-8, then charset_normalizer's best guess."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace").lstrip("\ufeff")
    meta = _META_CHARSET.search(data[:4096])
    for enc in (_codec(declared), _codec(meta.group(1).decode("ascii", "ignore")) if meta else None):
        if enc:
            if enc in ("latin-1", "iso8859-1", "ascii"):
                enc = "cp1252"  # what browsers do with these labels
            try:
                return data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    return data.decode(best.encoding if best else "cp1252", errors="replace")


# -- structured data --------------------------------------------------------------------------
def _types(item: dict) -> set[str]:
    t = item.get("@type") or []
    return {str(x).lower() for x in (t if isinstance(t, list) else [t])}


def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def json_ld_article(html: str, url: str | None) -> dict:
    """The page's own article object (NewsArticle, Article, BlogPosting, ...) from its JSON-LD,
    the one with an articleBody or a headline first; {} when there is none or it does not parse."""
    try:
        items = extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=True, errors="ignore")["json-ld"]
    except Exception:  # noqa: BLE001 - a malformed block is no article: the page is read without it
        return {}
    found = [n for n in _walk(items) if _types(n) & ARTICLE_TYPES and (n.get("articleBody") or n.get("headline"))]
    found.sort(key=lambda n: (not n.get("articleBody"), "webpage" in _types(n)))
    return found[0] if found else {}


def _text(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or ""
    return " ".join(str(value or "").split())


def _names(value) -> str:
    values = value if isinstance(value, list) else [value]
    names = [n for n in (_text(v) for v in values) if n and not n.startswith(("http://", "https://"))]
    return ", ".join(dict.fromkeys(names))


def _date(value, latest: date) -> date | None:
    s = _text(value)
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if not m:
        return None
    try:
        d = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return d if EARLIEST <= d <= latest else None


def _meta(tree, *names: str) -> str:
    for name in names:
        for el in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'):
            if el.strip():
                return " ".join(el.split())
    return ""


def _canonical(tree, ld: dict, url: str | None) -> str:
    candidates = tree.xpath('//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href')
    candidates += [_meta(tree, "og:url"), _text(ld.get("url")), _text(ld.get("mainEntityOfPage"))]
    for c in candidates:
        c = urljoin(url or "", c.strip()) if c else ""
        if re.match(r"^https?://[^\s/]+\.[^\s/]+", c) and len(c) <= 1000 and not re.search(r"\s", c):
            return c
    return ""


# -- the body ---------------------------------------------------------------------------------
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """One line of text: control characters out, runs of white space as one space."""
    text = "".join(ch for ch in text if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    return _SPACES.sub(" ", text).strip()


def trafilatura_blocks(html, url: str | None, options: dict | None = None) -> tuple[list[tuple[str, str]], object]:
    opts = dict(TRAFILATURA_OPTIONS, **(options or {}))
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **opts)
    if (doc is None or doc.body is None) and not opts["include_tables"]:
        # Nothing outside tables: a page laid out in a table keeps its article there.
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **dict(opts, include_tables=True))
    if doc is None or doc.body is None:
        return [], doc
    return _doc_blocks(doc.body), doc


def marked_body(tree) -> str | None:
    """The element the page itself marks as the article's body (microdata or RDFa
    ``articleBody``), as an HTML document of its own; None unless exactly one is marked."""
    els = tree.xpath('//*[@itemprop="articleBody" or @property="articleBody"]')
    if len(els) != 1 or els[0].tag in ("meta", "link"):
        return None
    return "<html><body><article>" + lxml.html.tostring(els[0], encoding="unicode") + "</article></body></html>"


def body_blocks(html: str, tree, url: str | None, options: dict | None = None):
    """Trafilatura's article, read from the element the page marks as its body when there is one
    and it keeps most of what the whole page gives (a mislabelled teaser is not the body)."""
    blocks, doc = trafilatura_blocks(html, url, options)
    sub = marked_body(tree)
    if sub is not None and blocks:
        inner, _ = trafilatura_blocks(sub, url, options)
        n_inner = len(_words(" ".join(t for _, t in inner)))
        if n_inner >= MARKED_MIN_SHARE * len(_words(" ".join(t for _, t in blocks))):
            blocks = inner
    return blocks, doc


# The marked body replaces the whole page's extraction when it has at least this share of its words.
MARKED_MIN_SHARE = 0.5


BLOCK_TAGS = {"p", "head", "quote", "list", "table", "code"}


def _doc_blocks(body) -> list[tuple[str, str]]:
    """Trafilatura's XML body as (kind, text) blocks: list items are bullets, a table cell holding
    paragraphs gives those paragraphs, any other element one paragraph."""
    blocks: list[tuple[str, str]] = []
    for el in body:
        if el.tag == "list":
            for item in el.iter("item"):
                t = clean("".join(item.itertext()))
                if t:
                    blocks.append(("bullet", t))
            continue
        if el.tag == "table":
            for cell in el.iter("cell"):
                if any(child.tag in BLOCK_TAGS for child in cell):
                    blocks.extend(_doc_blocks(cell))
                elif t := clean("".join(cell.itertext())):
                    blocks.append(("paragraph", t))
            continue
        t = clean("".join(el.itertext()))
        if t:
            blocks.append(("paragraph", t))
    return blocks


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _shingles(words: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def ld_blocks(body: str, dom_paragraphs: list[str]) -> list[tuple[str, str]]:
    """The JSON-LD articleBody in paragraphs: its own line breaks when it has them, else cut where
    the page's <p> elements start (articleBody is often one run of text)."""
    body = body.replace("\r\n", "\n")
    parts = [clean(p) for p in re.split(r"\n\s*\n|\n", body)]
    parts = [p for p in parts if p]
    if len(parts) > 1:
        return [("paragraph", p) for p in parts]
    text = clean(body)
    cuts = {0}
    for p in dom_paragraphs:
        if len(p) >= 30:
            i = text.find(p[:60])
            if i > 0:
                cuts.add(i)
    bounds = sorted(cuts) + [len(text)]
    return [("paragraph", text[a:b].strip()) for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip()]


def choose_body(trafilatura_text: list[tuple[str, str]], ld_body: str) -> str:
    """"json-ld" when the page's own articleBody (plain text, 50 words or more) is the better
    record: trafilatura found less than half as many words. On the benchmark pages, where both
    hold the article, trafilatura's paragraphs score as well or better (benchmarks/web_extraction_cv.py),
    so the JSON-LD body is the fallback for pages whose markup trafilatura cannot read."""
    if not ld_body or re.search(r"</?[a-z][^>]*>", ld_body):
        return "trafilatura"
    ld_words = _words(ld_body)
    tr_words = _words(" ".join(t for _, t in trafilatura_text))
    if len(ld_words) >= LD_MIN_WORDS and len(tr_words) < LD_FALLBACK_SHARE * len(ld_words):
        return "json-ld"
    return "trafilatura"


LD_MIN_WORDS = 50
LD_FALLBACK_SHARE = 0.5


def _dom_paragraphs(tree) -> list[str]:
    return [clean(p.text_content()) for p in tree.iter("p")]


# -- the page ---------------------------------------------------------------------------------
def read_page(data: bytes | str, url: str | None = None, charset: str | None = None,
              today: date | None = None, options: dict | None = None) -> WebArticle:
    """The article a page carries; PageError when it has none."""
    html = data if isinstance(data, str) else decode_html(data, charset)
    if not html.strip():
        raise PageError("empty page")
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "replace"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise PageError(f"not HTML ({exc})") from None
    latest = (today or date.today()) + timedelta(days=366)
    ld = json_ld_article(html, url)
    blocks, doc = body_blocks(html, tree, url, options)
    ld_body = _text(ld.get("articleBody")) if not isinstance(ld.get("articleBody"), str) else ld["articleBody"]
    body_from = choose_body(blocks, ld_body)
    if body_from == "json-ld":
        blocks = ld_blocks(ld_body, _dom_paragraphs(tree))
    headline = clean(_text(ld.get("headline")) or (getattr(doc, "title", "") or "") or _meta(tree, "og:title")
                     or "".join(tree.xpath("//title//text()")))
    if blocks and headline and _words(blocks[0][1]) == _words(headline):
        blocks = blocks[1:]  # the headline again, as the body's first line: it has its own place
    if not blocks:
        raise PageError("no article text found on the page")
    if not headline:
        raise PageError("no headline found on the page")
    published = _date(ld.get("datePublished"), latest) or _date(ld.get("dateCreated"), latest) or _htmldate(
        tree, url, latest, original=True)
    modified = _date(ld.get("dateModified"), latest) or _htmldate(tree, url, latest, original=False)
    publisher = _names(ld.get("publisher")) or _meta(tree, "og:site_name") or clean(getattr(doc, "sitename", "") or "")
    if publisher.startswith(("http://", "https://")) or "." in publisher and " " not in publisher:
        publisher = ""  # a host name, not a publisher's name
    lang = (tree.xpath("/html/@lang") or [""])[0] or _text(ld.get("inLanguage")) or (getattr(doc, "language", "") or "")
    return WebArticle(
        headline=headline[:MAX_HEADLINE], published=published, modified=modified, blocks=blocks,
        author=_names(ld.get("author")) or clean(getattr(doc, "author", "") or ""),
        publisher=publisher[:MAX_PUBLISHER], canonical_url=_canonical(tree, ld, url),
        language=clean(lang)[:20], description=clean(getattr(doc, "description", "") or "")[:1000],
        body_from=body_from)


def _htmldate(tree, url: str | None, latest: date, original: bool) -> date | None:
    try:
        found = htmldate.find_date(tree, url=url, original_date=original, extensive_search=original,
                                   outputformat="%Y-%m-%d", min_date=EARLIEST.isoformat(),
                                   max_date=latest.isoformat())
    except Exception:  # noqa: BLE001 - htmldate raises on odd markup: no date found
        return None
    return datetime.strptime(found, "%Y-%m-%d").date() if found else None


# -- the seed format --------------------------------------------------------------------------
_BULLET_START = re.compile(r"^[•*\-‣◦·][ \t]+(?=\S)")
_SOURCE_LINE = re.compile(r"^[ \t]*Source:[ \t]*\S+[ \t]*$", re.IGNORECASE)  # seedformat.SOURCE


def seed_text(article: WebArticle, source_url: str | None, fallback_date: date) -> str:
    """The article in the seed format (articles/extraction/seedformat.py): headline, date line,
    Source line, paragraphs and bullets separated by blank lines, "- Publisher" last."""
    headline = article.headline
    if re.match(r"^[\d\W]+$", headline) or headline.startswith("- "):
        headline = f"“{headline}”"  # a headline the format would read as a date or a byline
    lines = [headline, "", (article.published or fallback_date).isoformat()]
    if source_url:
        lines.append(f"Source: {source_url}")
    blocks = article.blocks
    if not source_url and blocks and _SOURCE_LINE.match(blocks[0][1]):
        blocks = blocks[1:]  # "Source: X" first would be read as the article's address: it is a credit line
    for kind, text in blocks:
        lines.append("")
        if kind == "bullet":
            lines.append(f"• {text}")
        elif _BULLET_START.match(text):
            lines.append(f"  {text}")  # indented, a "- Name" line is a bullet, not the byline
        else:
            lines.append(text)
    if article.publisher:
        lines += ["", f"- {article.publisher}"]
    return "\n".join(lines) + "\n"


def same_site(a: str, b: str) -> bool:
    """Whether two addresses belong to one site (their registrable domain, approximately: the last
    two labels of the host, three under a country's second level such as co.uk)."""
    def site(u: str) -> str:
        host = (urlsplit(u).hostname or "").lower().rstrip(".")
        if re.fullmatch(r"[\d.]+|.*:.*", host):
            return host  # an IP address is its own site
        labels = host.split(".")
        n = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
        return ".".join(labels[-n:])
    sa, sb = site(a), site(b)
    return bool(sa) and sa == sb


def metadata(article: WebArticle) -> dict:
    """What the page says about itself beyond the seed format's fields, for the snapshot."""
    return {"headline": article.headline, "published": article.published.isoformat() if article.published else None,
            "modified": article.modified.isoformat() if article.modified else None, "author": article.author,
            "publisher": article.publisher, "canonical_url": article.canonical_url, "language": article.language,
            "description": article.description, "body_from": article.body_from, "reader": VERSION}
