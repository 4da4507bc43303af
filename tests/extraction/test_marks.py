"""Quotations in single marks (issue #22: British, Irish, Australian and Indian outlets quote ‘...’ or
'...', with double marks inside): found as quotations with their speakers by every frame, while
apostrophes stay apostrophes and US-style nesting reads as before. Sentences written for these tests."""
from articles.extraction import marks, parse
from articles.extraction.learned.corpus import block_units
from articles.extraction.types import Block
from tests.extraction.test_direct_quotes import extract, holding


def _blocks(*paragraphs):
    text = "\n\n".join(paragraphs)
    blocks, pos = [], 0
    for p in paragraphs:
        blocks.append(Block("paragraph", pos, pos + len(p)))
        pos += len(p) + 2
    return text, blocks


def test_a_quotation_in_curly_single_marks_before_its_cue():
    ex = extract("‘This is a scandal and the council knows it,’ said Harriet Bloom, a local councillor.")
    text, who = holding(ex, "scandal")
    assert (text, who) == ("‘This is a scandal and the council knows it,’", "Harriet Bloom")
    c = ex.claims[0]
    assert c.kind == "quote" and c.frame == "quotes_before" and c.confidence > 0.8
    # Nothing is taken for the speaker's words but the speaker's name.
    assert all(c.speaker_text.strip("‘’' ") for c in ex.claims)


def test_a_quotation_in_straight_single_marks_before_its_cue_and_after_a_colon():
    ex = extract("'We are not going to change course on this,' the minister said on Tuesday.")
    c = ex.claims[0]
    assert (c.kind, c.text, c.speaker_text) == ("quote", "'We are not going to change course on this,'", "the minister")
    ex = extract("Mr Tom Hale said: 'The board has failed every family on this estate.'")
    text, who = holding(ex, "failed every family")
    assert text == "'The board has failed every family on this estate.'" and who == "Tom Hale"
    assert ex.claims[0].kind == "quote"


def test_double_marks_inside_single_ones_quote_inside_the_quotation():
    for q in ("‘He called the plan “a total farce” and walked out,’", "'He called the plan \"a total farce\" and walked out,'"):
        ex = extract(q + " said Nora Quinn, who chairs the committee.")
        text, who = holding(ex, "total farce")
        assert (text, who) == (q, "Nora Quinn")


def test_us_style_nesting_reads_as_before():
    paragraph = "“We call it ‘the Sunday plan’ and nobody objects,” said Paul Ames, a grocer."
    text, blocks = _blocks(paragraph, "“It works,” he said.")
    assert marks.view(text, blocks) is text
    ex = extract(paragraph)
    assert holding(ex, "Sunday plan") == ("“We call it ‘the Sunday plan’ and nobody objects,”", "Paul Ames")


def test_apostrophes_stay_apostrophes():
    text, blocks = _blocks("The Joneses’ house dates from the ’90s, and rock ’n’ roll played at eight o'clock.",
                           "'Tis the season, the Smiths' neighbour said; don’t ask why.")
    assert marks.single_pairs(text, blocks[0].start, blocks[0].end) == []
    assert marks.single_pairs(text, blocks[1].start, blocks[1].end) == []
    assert marks.view(text, blocks) is text


def test_apostrophes_inside_a_quotation_do_not_end_it():
    q = "‘The Joneses’ house was built in the ’90s and we don’t like rock ’n’ roll,’"
    [pair] = marks.single_pairs(q, 0, len(q))
    assert (pair.open, pair.close) == (0, len(q) - 1)
    ex = extract(q + " said Edith Marsh.")
    assert holding(ex, "Joneses") == (q, "Edith Marsh")
    q = "'The Smiths' dog barks at five o'clock and it's rock 'n' roll all night,'"
    [pair] = marks.single_pairs(q, 0, len(q))
    assert (pair.open, pair.close) == (0, len(q) - 1)
    ex = extract(q + " said Edith Marsh.")
    assert holding(ex, "dog barks") == (q, "Edith Marsh")


def test_a_possessive_closes_the_quotation_when_nothing_surer_does():
    text, blocks = _blocks("The sign read ‘Keep off the Joneses’ and we laughed, said Ann.")
    [pair] = marks.single_pairs(text, 0, len(text))
    assert text[pair.open:pair.end(len(text))] == "‘Keep off the Joneses’"


def test_a_quotation_over_paragraphs_opens_each_paragraph_again():
    ex = extract("Dr Alan Price, the surgeon, said: ‘The wards are full and the staff are exhausted.",
                 "‘We moved beds into the corridors last winter.’")
    text, who = holding(ex, "wards are full")
    assert who == "Alan Price" and ex.claims[0].kind == "quote"
    assert any("beds into the corridors" in c.text and c.kind == "quote" for c in ex.claims)
    ex = extract("‘The wards are full and the staff are exhausted,’ Dr Alan Price told the inquiry.",
                 "‘We moved beds into the corridors last winter.’")
    text, who = holding(ex, "wards are full", "beds into the corridors")
    assert who == "Alan Price"


def test_stored_strings_are_the_articles_own():
    art = parse("A headline\n\n3 March 2019\n\n‘He called it “a total farce”,’ said Nora Quinn.\n\n- The Daily Example\n")
    from articles.extraction import extract_article
    ex = extract_article(art)
    [c] = ex.claims
    assert c.text == art.text[c.start:c.end] == "‘He called it “a total farce”,’"
    assert c.source.text == art.text[c.source.start:c.source.end]
    for m in ex.mentions:
        assert m.text == art.text[m.start:m.end]


def test_the_cue_model_reads_single_marks_as_the_pipeline_does():
    art = parse("A headline\n\n3 March 2019\n\n‘We will win this seat,’ said Nora Quinn.\n\n"
                "‘It is ours,’ she said.\n\n- The Daily Example\n")
    quoted = [t.word for tokens, _, flags, _ in block_units(art) for t, q in zip(tokens, flags, strict=True) if q]
    assert "win" in quoted and "ours" in quoted


def test_marks_open_after_punctuation_and_close_after_a_quotation_inside():
    for q in ("Jo Hart said,‘We are staying put this year.’", "Rep. Jo Hart (R-Ohio):'We are staying put this year.'",
              "As the paper put it, ‘ … we are staying put this year.’", "'[Voters are] staying put this year,' she said.",
              "'We are doing the \"slow two-step\" ' she said."):
        [pair] = marks.single_pairs(q, 0, len(q))
        assert "staying put" in q[pair.open:pair.end(len(q))] or "slow two-step" in q[pair.open:pair.end(len(q))], q
        assert q[pair.close] in "’'" and q[pair.close + 1:pair.close + 2] in ("", " ", ",")


def test_a_quotation_opening_a_sentence_runs_on_to_the_next_paragraph():
    ex = extract("‘The wards are full,’ Dr Alan Price told the inquiry. ‘We moved beds into the corridors and "
                 "still the ambulances queued outside every night.",
                 "‘Nobody has seen it like this before.’")
    text, who = holding(ex, "beds into the corridors")
    assert who == "Alan Price"
    # Left open mid-sentence, a mark is no quotation running on: the Joneses’ house stays a house.
    text = "We drove past the old ‘Joneses place and on to the farm."
    assert marks.single_pairs(text, 0, len(text)) == []


def test_a_closing_mark_typed_loose_still_closes():
    for q in ("‘We should have listened to that advice, ’ he said.", "‘We should have listened to that advice,’Jo said."):
        [pair] = marks.single_pairs(q, 0, len(q))
        assert q[pair.open:pair.close + 1].endswith(("advice, ’", "advice,’"))
    # A mark between two words is an apostrophe, after punctuation or not: O’Neill, don’t.
    q = "‘O’Neill won’t come,’ she said."
    [pair] = marks.single_pairs(q, 0, len(q))
    assert (pair.open, pair.close) == (0, q.index(",’") + 1)


def test_a_possessive_before_a_capitalised_word_does_not_end_the_quotation():
    for q in ("‘It is the Tories’ Brexit plan that failed, not ours,’", "'The Democrats' Senate seats are gone for good,'",
              "‘We met the Joneses’ 2019 tax bill and laughed,’"):
        [pair] = marks.single_pairs(q, 0, len(q))
        assert (pair.open, pair.close) == (0, len(q) - 1), q
        ex = extract(q + " said Ann Cole, a councillor.")
        assert holding(ex, q[4:16]) == (q, "Ann Cole")
    # With nothing surer after it, such a mark still closes: '‘We will win’ Tom Reyes said.'
    q = "‘We will win’ Tom Reyes said. ‘It is ours.’"
    assert [q[p.open:p.end(len(q))] for p in marks.single_pairs(q, 0, len(q))] == ["‘We will win’", "‘It is ours.’"]
