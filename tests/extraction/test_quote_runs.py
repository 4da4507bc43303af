"""Runs of direct quotations (issue #22): the quotation after an attribution continues the speaker the
rules heard, not a cue the model finds inside the speaker's description; a quotation the model's cue
placed takes the quotations that continue it; a lead-in with a cue word used as a noun runs into the
quotation; a straight quotation holds curly quoted words. Sentences written for these tests."""
from articles.extraction.text import find_quotes
from tests.extraction.test_direct_quotes import extract, holding


def test_a_cue_in_the_speakers_description_does_not_take_the_next_quotation():
    ex = extract("Farm prices rose again in March.",
                 '"The orchards lose money every single season," said Mark Dobson, director of the Farm Policy '
                 'Council, a research group focused on rural trade. "No grant will change that."')
    text, who = holding(ex, "every single season", "No grant will change")
    assert who == "Mark Dobson"
    # A sentence of its own naming another speaker starts another voice.
    ex = extract('"The orchards lose money every single season," said Mark Dobson. Rita Vance, a grower, said '
                 'the council was wrong. "We made money this year."')
    assert holding(ex, "We made money")[1] == "Rita Vance"


def test_a_quotation_the_model_placed_takes_the_quotations_that_continue_it():
    ex = extract("The host, Dana Whitlow, questioned Governor Sam Ortega on Tuesday.",
                 '"Would the new tax apply to farmers?" Whitlow pressed. "What about the small shops in town?"')
    text, who = holding(ex, "apply to farmers", "small shops in town")
    assert who == "Dana Whitlow"


def test_a_lead_in_with_a_cue_word_used_as_a_noun_runs_into_the_quotation():
    ex = extract('The former secretary of state will play the "outsider card," Tom Reyes said on Monday.')
    assert holding(ex, "outsider card")[0] == 'The former secretary of state will play the "outsider card,"'
    ex = extract('Maria Lopez\'s remarks about the river project were "a plain insult to the valley," Tom Reyes said.')
    assert holding(ex, "plain insult")[0].startswith("Maria Lopez's remarks")


def test_a_straight_quotation_holds_curly_quoted_words():
    text = 'Ruiz stated: "The agency is not about “fair play” anymore. It is about power." Then she left.'
    assert [text[q.start:q.end] for q in find_quotes(text, 0, len(text))] == [
        '"The agency is not about “fair play” anymore. It is about power."']
    # A straight mark after a number is an inch mark, not a quotation: the curly one after it stands.
    text = 'The fence is 6" high. “We built it ourselves,” he said.'
    assert [text[q.start:q.end] for q in find_quotes(text, 0, len(text))] == ["“We built it ourselves,”"]
    ex = extract("Dr. Ana Ruiz spoke after the hearing.", "Dr. Ana Ruiz stated:",
                 '"The agency is not about “fair play” anymore. It is about power and nothing else.')
    text, who = holding(ex, "not about", "power and nothing else")
    assert who == "Ana Ruiz"


def test_an_aside_attribution_after_a_clause_with_a_cue_noun_keeps_the_clause():
    ex = extract("Mary Hale studies wages at the university.",
                 'For the poorer corners of the state, she said, "nobody can tell what the answer will be."')
    text, who = holding(ex, "poorer corners", "what the answer will be")
    assert who == "Mary Hale"
    # A cue verb before the aside starts another attribution: the quotation is not one clause with it.
    ex = extract("Mary Hale studies wages at the university.",
                 'Officials warned of cuts in the poorer corners of the state, she said, "and nobody can tell '
                 'what the answer will be."')
    assert not any("Officials warned" in c.text and "answer will be" in c.text for c in ex.claims)


def test_a_colon_ending_a_paragraph_presents_the_subjects_quotation():
    quote = '“We will rebuild every bridge in this valley. Nobody will be left behind.”'
    for lead in ("Governor Sam Ortega issued the following statement:", "Sam Ortega put it this way:",
                 "Sam Ortega told his audience, to loud applause:"):
        ex = extract("The governor visited the flooded towns on Thursday.", lead, quote)
        assert holding(ex, "rebuild every bridge")[1] == "Sam Ortega", lead
    # Past a fronted phrase, and past a few words describing the person before the name.
    for lead in ("After the flood, Governor Sam Ortega issued the following statement:",
                 "Flood-weary Democratic governor Sam Ortega echoed:"):
        ex = extract("The governor visited the flooded towns on Thursday.", lead, quote)
        assert holding(ex, "rebuild every bridge")[1] == "Sam Ortega", lead
    # A name inside a phrase of the sentence is no subject of it.
    ex = extract("The governor visited the flooded towns on Thursday.",
                 "A letter to Governor Sam Ortega read:", quote)
    assert not any("rebuild every bridge" in c.text and c.speaker_text == "Sam Ortega" for c in ex.claims)
    # Without a named subject the colon presents nobody's words.
    ex = extract("The governor visited the flooded towns on Thursday.", "Here is the full text:", quote)
    assert not any("rebuild every bridge" in c.text and c.speaker is not None for c in ex.claims)


def test_an_aside_attribution_with_a_quotation_later_in_the_clause_is_one_claim():
    ex = extract("Tom Reyes has been the mayor of Dunmore since 2012.",
                 'Along the river, Reyes said, the new bridge is widely seen as "a gift from the capital."')
    text, who = holding(ex, "Along the river", "gift from the capital")
    assert who == "Tom Reyes"
    assert text.endswith('"a gift from the capital."')


def test_to_before_a_verb_opens_the_content_and_before_a_hearer_an_adjunct():
    ex = extract('Governor Sam Ortega pledged to keep the bridge tolls "as low as they are today."')
    assert holding(ex, "as low as")[0] == 'to keep the bridge tolls "as low as they are today."'
    ex = extract('Governor Sam Ortega said to reporters that the bridge tolls would stay "as low as they are today."')
    text, who = holding(ex, "as low as")
    assert "reporters" not in text and who == "Sam Ortega"


def test_a_verb_of_saying_ending_its_sentence_gives_its_speaker_the_quotations_after_it():
    ex = extract('Rita Vance was at the meeting. Professor Tom Reyes agreed. "The council has run out of time '
                 'to find another site for the school."')
    assert holding(ex, "run out of time")[1] == "Tom Reyes"
    # A verb with its own content after it keeps the quotation to the paragraph's voice as before.
    ex = extract('Rita Vance said the council was late. Tom Reyes met the council. "The council has run out of '
                 'time to find another site for the school."')
    assert holding(ex, "run out of time")[1] != "Tom Reyes"


def test_a_passive_verb_of_saying_ending_its_sentence_gives_the_hearer_no_quotation():
    # "was asked" names who heard the question, not who asked it (review of the rule above).
    for verb in ("asked", "told", "warned"):
        ex = extract(f'The hearing resumed after lunch. Tom Reyes was {verb}. "Where were you on the night of the '
                     'fire at the old mill?"')
        said = [c for c in ex.claims if "night of the fire" in c.text]
        assert all(c.speaker is None or ex.entities[c.speaker].name != "Tom Reyes" for c in said), verb
