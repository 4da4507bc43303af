"""HTML to article (articles/ingestion/web/page.py): pure Python, no database."""
from datetime import date

import pytest

from articles import extraction
from articles.ingestion.web import page
from tests.ingestion.webpages import PARAS, news_page


def test_a_news_page_gives_headline_dates_publisher_canonical_and_paragraphs():
    art = page.read_page(news_page().encode(), "https://news.example.org/2019/bus-network?utm=x")
    assert art.headline == "Council expands bus network"
    assert art.published == date(2019, 3, 5)
    assert art.publisher == "Example News" and art.author == "Ann Writer" and art.language == "en"
    assert art.canonical_url == "https://news.example.org/2019/bus-network"
    texts = [t for _, t in art.blocks]
    assert texts == PARAS  # no navigation, no footer, no headline repeated as the first line


def test_the_seed_text_parses_with_the_structure_and_offsets_of_the_seed_format():
    art = page.read_page(news_page().encode())
    text = page.seed_text(art, "https://news.example.org/2019/bus-network", date(2020, 1, 1))
    parsed = extraction.parse(text)
    assert parsed.title == "Council expands bus network" and parsed.published == date(2019, 3, 5)
    assert parsed.publisher == "Example News" and parsed.source_url == "https://news.example.org/2019/bus-network"
    assert [text[b.start:b.end] for b in parsed.body_blocks] == PARAS
    claims = extraction.extract_article(parsed).claims
    assert any("cut journey times" in c.text and text[c.start:c.end] == c.text for c in claims)


def test_lines_the_seed_format_would_misread_stay_body_text():
    art = page.WebArticle("Headline", None, [("paragraph", "Source: Reuters"),
                                             ("paragraph", "A real paragraph about the vote."),
                                             ("paragraph", "- Reuters contributed")])
    parsed = extraction.parse(page.seed_text(art, None, date(2021, 2, 3)))
    assert parsed.published == date(2021, 2, 3)  # no date on the page: the day it was read
    assert parsed.source_url is None and parsed.publisher is None
    assert [parsed.text[b.start:b.end] for b in parsed.body_blocks] == [
        "A real paragraph about the vote.", "Reuters contributed"]
    with_url = extraction.parse(page.seed_text(art, "https://a.example.com/x", date(2021, 2, 3)))
    assert with_url.source_url == "https://a.example.com/x"
    assert with_url.text[with_url.body_blocks[0].start:with_url.body_blocks[0].end] == "Source: Reuters"


def test_a_page_without_article_text_is_refused():
    with pytest.raises(page.PageError, match="no article text"):
        page.read_page(b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    with pytest.raises(page.PageError, match="empty"):
        page.read_page(b"   ")


def test_the_json_ld_body_is_the_fallback_when_trafilatura_finds_little():
    ld = " ".join(["The council approved the budget after a long debate about schools and roads."] * 10)
    assert page.choose_body([("paragraph", "Too short.")], ld) == "json-ld"
    assert page.choose_body([("paragraph", ld)], ld) == "trafilatura"
    assert page.choose_body([("paragraph", "Too short.")], "<p>" + ld + "</p>") == "trafilatura"
    assert page.choose_body([], "short body") == "trafilatura"


def test_charset_from_the_header_the_meta_tag_or_a_guess():
    html = "<html><head><meta charset='windows-1252'></head><body><p>café</p></body></html>"
    assert "café" in page.decode_html(html.encode("cp1252"))
    assert "café" in page.decode_html("<p>café</p>".encode("iso-8859-1"), "iso-8859-1")
    assert "café" in page.decode_html("<p>café</p>".encode())


def test_same_site():
    assert page.same_site("https://www.bbc.co.uk/news/1", "https://m.bbc.co.uk/news/1")
    assert page.same_site("https://edition.cnn.com/a", "https://www.cnn.com/a")
    assert not page.same_site("https://evil.example.com/a", "https://www.bbc.co.uk/a")
    assert not page.same_site("https://news.example.org/a", "http://127.0.0.1:8790/a")


def test_a_page_laid_out_in_a_table_keeps_its_article():
    paras = "".join(f"<p>{p} {p}</p>" for p in PARAS)
    html = (f"<html><head><title>Old layout</title></head><body><table><tr><td><a href='/'>Home</a></td></tr>"
            f"<tr><td><h1>Old layout</h1>{paras}</td></tr></table></body></html>")
    art = page.read_page(html.encode())
    assert [t for _, t in art.blocks][-3:] == [f"{p} {p}" for p in PARAS]  # the cells' paragraphs, one by one
