"""The article text on the desk: highlights of claims and statistics."""
from articles.admin.highlight import Span, render_blocks


def test_a_quotation_running_over_two_paragraphs_is_highlighted_in_both():
    body = "“We start in May,” she said.\n\n“And we will not stop.”\n\nThe unit opens in June."
    first, second, third = 0, body.index("“And"), body.index("The unit")
    blocks = [{"kind": "paragraph", "start": first, "end": second - 2},
              {"kind": "paragraph", "start": second, "end": third - 2},
              {"kind": "paragraph", "start": third, "end": len(body)}]
    html = str(render_blocks(body, blocks, [Span(0, third - 2, "cdb-quote", "/claim/1/")]))
    paragraphs = html.split("<p>")[1:]
    assert ['<mark class="cdb-quote">' in p for p in paragraphs] == [True, True, False], html
    assert "she said" in paragraphs[0] and "not stop" in paragraphs[1]
