"""Property tests (Hypothesis): random and adversarial text never makes the parser or the
extractor raise anything but a SeedFormatError, and every offset they return is valid."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.extraction import SeedFormatError, extract_article, parse

WORDS = ["said", "Said", "told", "that", "Mr.", "Mrs", "Dr", "he", "she", "they", "according", "to", "Alpha",
         "Jane", "Doe", "Smith", "Ministry", "of", "Defence", "the", "President", "£1m", "$2bn", "€3", "53",
         "per", "cent", "one", "in", "five", "between", "0.7", "and", "up", "from", "“", "”", '"', "''", ":",
         ",", ".", "—", "(", ")", "?", "!", "WASHINGTON", "(AP)", "officials", "warned", "as", "scientists",
         "believes", "wants", "2019", "March", "\n", "\n\n", "•", "- "]

article_text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=120).map(" ".join)
free_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


@SETTINGS
@given(free_text)
def test_parser_never_raises_anything_but_a_format_error(text):
    try:
        art = parse(text)
    except SeedFormatError:
        return
    for b in art.blocks:
        assert 0 <= b.start <= b.end <= len(text)


def check(text):
    try:
        art = parse(text)
    except SeedFormatError:
        return
    ex = extract_article(art)
    body = art.text
    for c in ex.claims:
        assert 0 <= c.start < c.end <= len(body) and body[c.start:c.end] == c.text
        assert 0.0 <= c.confidence <= 1.0
        assert c.speaker is None or 0 <= c.speaker < len(ex.entities)
    for m in ex.mentions:
        assert body[m.start:m.end] == m.text and 0 <= m.entity < len(ex.entities)
    for s in ex.statistics:
        assert body[s.start:s.end] == s.text


@SETTINGS
@given(article_text, article_text)
def test_extractor_never_raises_and_every_offset_is_valid(headline, body):
    check(f"{headline.strip() or 'Headline'}\n\n3 March 2019\n\n{body}\n\n- Publisher\n")


@SETTINGS
@given(free_text)
def test_extractor_on_arbitrary_bodies(body):
    check(f"Headline\n\n3 March 2019\n\n{body}\n")
