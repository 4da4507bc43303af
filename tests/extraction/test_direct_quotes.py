"""Direct quotations whole (issue #22, extraction v3): a quotation the attribution interrupts, runs
over paragraphs, finishes with plain words or follows the speaker's own clause is one claim with its
speaker. Sentences written for these tests."""
from articles.extraction import extract_article, parse


def extract(*paragraphs):
    art = parse("A headline about things\n\n3 March 2019\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    ex = extract_article(art)
    for c in ex.claims:
        assert art.text[c.start:c.end] == c.text
    return ex


def holding(ex, *needles):
    """The one claim holding every needle, with its speaker's name."""
    hits = [c for c in ex.claims if all(n in c.text for n in needles)]
    assert len(hits) == 1, (needles, [c.text for c in ex.claims])
    c = hits[0]
    return c.text, ex.entities[c.speaker].name if c.speaker is not None else c.speaker_text


def test_a_quoted_question_then_she_said_does_not_end_the_sentence():
    ex = extract("Mary Jones is a nurse from Leeds.",
                 '"Who would choose to work nights at 60?" she said. "I do. But I have to be careful."')
    text, who = holding(ex, "work nights at 60", "have to be careful")
    assert who == "Mary Jones"
    assert text.startswith('"Who would choose')


def test_a_quotation_over_three_paragraphs_is_one_claim():
    ex = extract('"The ward is full. Nobody has seen it like this," Dr Omar Said told the inquiry.',
                 '"We moved beds into the corridors."',
                 '"And still the ambulances waited outside."')
    text, who = holding(ex, "ward is full", "into the corridors", "ambulances waited")
    assert who == "Omar Said"
    # A later paragraph with its own cue starts its own claim.
    ex = extract('"The ward is full," Dr Omar Said told the inquiry.',
                 'The hospital said the corridors were cleared by noon.')
    assert holding(ex, "ward is full")[0] == '"The ward is full,"'


def test_words_finishing_the_sentence_after_the_closing_mark_are_the_speakers():
    ex = extract('Asked why the mayor resigned, Tyler said, "We have three weeks to go" until the vote.')
    assert holding(ex, "three weeks")[0] == '"We have three weeks to go" until the vote'
    # A quotation closed with a stop, or another act after "and", ends at its mark.
    ex = extract('Tyler said, "We have three weeks to go." The vote is in the council.')
    assert holding(ex, "three weeks")[0] == '"We have three weeks to go."'
    ex = extract('Tyler said, "We have three weeks to go" and left the room.')
    assert holding(ex, "three weeks")[0] == '"We have three weeks to go"'
    # When it was said is not what was said.
    ex = extract('Tyler said, "We have three weeks to go" on Friday afternoon.')
    assert holding(ex, "three weeks")[0] == '"We have three weeks to go"'


def test_the_speakers_clause_then_an_aside_then_the_quotation_is_one_claim():
    ex = extract("Mary Jones said the clinic would reopen. For nurses in towns like Leeds, she said, their "
                 '"working conditions have never been so hard."')
    text, who = holding(ex, "For nurses in towns", "never been so hard")
    assert who == "Mary Jones"
    ex = extract("Karen Holt spoke to the council. Libraries are part of every town's life, she said: "
                 '"Close one and you close a door for good."')
    assert holding(ex, "Libraries are part", "close a door")[1] == "Karen Holt"


def test_a_fronted_time_or_a_chant_is_no_clause_of_the_speaker():
    ex = extract('On Tuesday last week at the town hall, Karen Holt said, "We will not close the library."')
    assert holding(ex, "close the library") == ('"We will not close the library."', "Karen Holt")
    # An earlier cue in the sentence starts another attribution: only the quotation is the aside's.
    ex = extract("Karen Holt said she had not read the letter, and when asked about the cuts, she said, "
                 '"We will not close the library."')
    assert holding(ex, "close the library")[0] == '"We will not close the library."'
    ex = extract('As the mayor spoke about the budget, the crowd chanted, "Not one more cut!"')
    assert [c.text for c in ex.claims if c.speaker_text == "the crowd"] == ['"Not one more cut!"']


def test_a_sentence_opening_with_a_quotation_and_words_after_it_before_an_inverted_speaker():
    ex = extract('"The Long Night" was to be a "cautionary tale about greed," said Susan Crawford, the agent.')
    assert holding(ex, "cautionary tale") == ('"The Long Night" was to be a "cautionary tale about greed,"',
                                             "Susan Crawford")


def test_a_speakers_description_between_the_quotation_and_the_name():
    # A cue word used as a noun in the description ("press secretary") is no verb of its own.
    ex = extract('"Nothing has changed since the test on Monday," council press secretary Ann Vance told reporters.'
                 ' "We are still studying the readings."')
    text, who = holding(ex, "Nothing has changed", "still studying")
    assert who == "Ann Vance"
    assert text.startswith('"Nothing') and text.endswith('readings."')
    # An apposition: the role, a comma, the name.
    ex = extract('"She coached the under-tens every Saturday," another neighbour, Rosa Klein, told the paper.'
                 ' "Nobody missed a game."')
    text, who = holding(ex, "under-tens", "missed a game")
    assert who == "Rosa Klein"


def test_words_up_to_a_comma_after_a_quotation_are_no_description_of_the_speaker():
    # The quotation stops mid-sentence: the words after it finish its clause, not the speaker's role.
    ex = extract('"A new bridge" would be cheaper, transport chief Omar Haddad said.')
    assert all(c.text != '"A new bridge"' for c in ex.claims)
    # An inflected verb of saying between them starts another attribution.
    ex = extract('"The park stays open," the mayor said, and the council agreed, Tom Reyes wrote.')
    assert not any(c.text == '"The park stays open,"' and c.speaker_text == "Tom Reyes" for c in ex.claims)


def test_a_quoted_question_or_exclamation_then_lower_case_words_is_one_sentence():
    from articles.extraction.text import find_quotes, split_sentences

    t = '"Will the bridge ever open?" the mayor, Jo Sharp, asked. "Stop the cuts now!" chanted the nurses. "Why?" Nobody knew.'
    sents = [t[s.start:s.end] for s in split_sentences(t, 0, len(t), find_quotes(t, 0, len(t)))]
    assert sents == ['"Will the bridge ever open?" the mayor, Jo Sharp, asked.',
                     '"Stop the cuts now!" chanted the nurses.', '"Why?"', "Nobody knew."]
    ex = extract('"Is the council going to answer at last? If not it should resign!" the opposition leader, '
                 'Karen Holt, wrote on Sunday.')
    text, who = holding(ex, "answer at last", "should resign")
    assert who == "Karen Holt"
    assert text.endswith('resign!"')


def test_one_quoted_word_with_its_own_punctuation_is_said_whole():
    ex = extract('Tom Reyes was asked whether the mill would reopen. "Never," Tom Reyes said.')
    assert holding(ex, "Never")[1] == "Tom Reyes"
    # A bare quoted word is a term someone used, not a claim of its own.
    ex = extract('The "deal" was the word Tom Reyes said.')
    assert all(c.text != '"deal"' for c in ex.claims)


def test_the_person_named_right_after_the_quotation_speaks_past_a_long_description():
    ex = extract('"Both parties frighten me," Harold Bonner, 30, of Dunmore, Pa., who was among those polled, '
                 'said in a follow-up interview.')
    text, who = holding(ex, "frighten me")
    assert who == "Harold Bonner" and text == '"Both parties frighten me,"'
    # A cue word used as a noun in the description ("secretary of state") is no cue of its own.
    ex = extract('The new plans "are a step in the right direction," Anna Ricci, assistant secretary of state for '
                 'migration and refugees, said on the same call.')
    assert holding(ex, "right direction")[1] == "Anna Ricci"
    assert all("same call" not in c.text for c in ex.claims)
    # A name inside the description is not the speaker's.
    ex = extract('"Both parties frighten me," a voter who met Harold Bonner, 30, of Dunmore, Pa., said on Friday.')
    assert not any(c.speaker_text == "Harold Bonner" for c in ex.claims)


def test_a_two_letter_quoted_answer_is_said_whole():
    ex = extract('Tom Reyes was asked whether the mill would reopen. "No," Tom Reyes said.')
    assert holding(ex, "No,")[1] == "Tom Reyes"


def test_an_empty_quotation_does_not_close_on_a_comma():
    # ('' is in every string: an empty quotation once counted as one closing on a comma.)
    from articles.extraction.claims.frames import _closes_on_comma
    from articles.extraction.text import find_quotes
    text = 'He wrote "" and then Tom Reyes left.'
    assert [_closes_on_comma(text, q) for q in find_quotes(text, 0, len(text))] == [False]


def test_an_unlisted_verb_of_manner_after_a_quotation_names_its_speaker():
    # A paragraph opening with the quotation does not continue the paragraph before.
    ex = extract('Tom Reyes spoke at the rally on Monday. "We will win this," he said.',
                 '"That is wonderful!" beamed Jo Sharp.')
    assert holding(ex, "That is wonderful") == ('"That is wonderful!"', "Jo Sharp")
    assert holding(ex, "We will win this")[0] == '"We will win this,"'
    # Also a name the entity finder does not take, before an apposition.
    ex = extract('Tom Reyes spoke at the rally on Monday. "We will win this," he said.',
                 '"That is a shame," grumbled Ana Kell, a retired teacher.')
    text, who = holding(ex, "That is a shame")
    assert text == '"That is a shame,"' and "Ana Kell" in who
    # No verb and name after it: the paragraph before still continues.
    ex = extract('"We will win this," Tom Reyes said.', '"And we will win it again."')
    assert holding(ex, "win it again")[1] == "Tom Reyes"


def test_a_possessed_noun_phrase_speaks_not_its_possessor():
    ex = extract("The council met on Monday.", "Jo Sharp's chief of staff wrote:",
                 '"The office will stay closed until March."')
    assert holding(ex, "stay closed") == ('"The office will stay closed until March."', "Jo Sharp's chief of staff")
    ex = extract('Jo Sharp\'s chief of staff wrote in an email: "The office will stay closed until March."')
    assert holding(ex, "stay closed")[0] == '"The office will stay closed until March."'


def test_a_possessed_description_before_the_name_is_no_clause_of_the_speaker():
    ex = extract('The mayor\'s spokesman, Tom Reyes, said, "The office will stay closed until March."')
    assert holding(ex, "stay closed") == ('"The office will stay closed until March."', "Tom Reyes")


def test_the_person_named_after_an_organisation_and_a_role_speaks():
    ex = extract('"The plan is a failure," said Google spokesman Tom Reyes.')
    assert holding(ex, "a failure")[1] == "Tom Reyes"
    ex = extract('"The plan is a failure," said Google and Tom Reyes.')
    assert holding(ex, "a failure")[1] != "Tom Reyes"


def test_a_quotation_continuing_the_reported_claim_right_before_it_is_one_claim_with_it():
    ex = extract("The council met on Monday.",
                 'The bridge will open in May, Jo Sharp said. "We lost a whole year to the lawyers."')
    text, who = holding(ex, "open in May", "lost a whole year")
    assert who == "Jo Sharp" and text.endswith('lawyers."')
    # Sentences of the writer's own in between: the quotation stays a claim of its own.
    ex = extract("The council met on Monday.",
                 "The bridge will open in May, Jo Sharp said. The council voted on the plan on Friday and its "
                 'members were split. "We lost a whole year to the lawyers."')
    assert holding(ex, "lost a whole year")[0] == '"We lost a whole year to the lawyers."'


def test_a_pronoun_after_a_possessed_opening_is_an_aside_not_a_description():
    ex = extract('The mayor\'s report, he said, was "a year late and badly written."')
    assert holding(ex, "year late")[0] == 'The mayor\'s report, he said, was "a year late and badly written."'


def test_an_unlisted_verb_of_manner_before_a_name_and_its_place():
    ex = extract("Tom Reyes spoke first.", '"This is fantastic!" beamed Ana Kell of Leeds, who came with her son.')
    assert holding(ex, "fantastic") == ('"This is fantastic!"', "Ana Kell")


def test_a_paragraph_of_a_quotation_alone_continues_the_reported_claim_ending_the_paragraph_before():
    ex = extract("The council met on Monday.", "The bridge will open in May, Jo Sharp said.",
                 '"We lost a whole year to the lawyers."')
    text, who = holding(ex, "open in May", "lost a whole year")
    assert who == "Jo Sharp" and text.endswith('lawyers."')
    # The writer's own words after the claim end that paragraph: the quotation names nobody.
    ex = extract("The council met on Monday.",
                 "The bridge will open in May, Jo Sharp said. The council has planned it for years and voted on Friday.",
                 '"We lost a whole year to the lawyers."')
    assert not [c for c in ex.claims if "lost a whole year" in c.text]


def test_a_quoted_question_then_a_subject_saying_a_clause_of_its_own_ends_the_sentence():
    from articles.extraction.text import find_quotes, split_sentences

    def sentences(t):
        return [t[s.start:s.end] for s in split_sentences(t, 0, len(t), find_quotes(t, 0, len(t)))]

    assert sentences('The sign read "Who is next?" eBay said the sign was a joke.') == [
        'The sign read "Who is next?"', "eBay said the sign was a joke."]
    # A brand's lower-case name is a name: its own attribution goes on with the quotation.
    assert len(sentences('The sign read "Who is next?" eBay asked.')) == 1
    assert len(sentences('"Who is next?" Jo Sharp said in a statement.')) == 1
    assert len(sentences('"Why?" the mayor said that day.')) == 1
    ex = extract('The sign on the door read "Who is next?" eBay said the sign was a joke.')
    assert holding(ex, "was a joke")[1] == "eBay"
    assert len(sentences('She declared "What a day!" and said that the campaign would go on.')) == 1


def test_a_time_counted_from_another_opening_the_sentence_names_nobody():
    ex = extract("Tom Reyes met Jo Sharp on Monday.",
                 'Hours later, Jo Sharp returned the favour, telling reporters, "He is a fine man and a good friend."')
    assert holding(ex, "fine man")[1] == "Jo Sharp"
    ex = extract("Tom Reyes met Jo Sharp on Monday.",
                 'A week earlier, Jo Sharp had told the paper, "He is a fine man and a good friend."')
    assert holding(ex, "fine man")[1] == "Jo Sharp"


def test_a_short_sentence_of_the_writers_between_keeps_the_quotation_apart_from_the_reported_claim():
    # Short enough for the few words an attribution takes, but a sentence of its own (review).
    ex = extract("The council met on Monday.",
                 'The bridge will open in May, Jo Sharp said. It did not. "We lost a whole year to the lawyers."')
    assert holding(ex, "open in May")[0] == "The bridge will open in May"
    ex = extract("The council met on Monday.", "The bridge will open in May, Jo Sharp said. It did not.",
                 '"We lost a whole year to the lawyers."')
    assert holding(ex, "open in May")[0] == "The bridge will open in May"


def test_a_clause_between_the_organisation_and_a_person_names_no_role():
    # "when", "despite", "including": the person is no spokesman of the organisation (review).
    for tail in ("when Tom Reyes left", "despite Tom Reyes", "executives including Tom Reyes",
                 "before Tom Reyes spoke"):
        ex = extract(f'"The plan is a failure," said Google {tail}.')
        assert holding(ex, "a failure")[1] != "Tom Reyes", tail
    ex = extract('"The plan is a failure," said Google chief executive Tom Reyes.')
    assert holding(ex, "a failure")[1] == "Tom Reyes"


def test_a_verb_after_a_quotation_inside_the_writers_sentence_names_no_speaker():
    # The quotation is the object of the writer's subject, here a title (review).
    ex = extract("Tom Reyes spoke at the rally on Monday.", 'The film "Who Wants to Be Rich?" starred Jo Sharp.')
    assert not [c for c in ex.claims if c.text == '"Who Wants to Be Rich?"']


def test_a_quoted_question_then_a_pronoun_saying_goes_on_with_the_same_sentence():
    # A lower-case subject goes on with the sentence, whatever follows its verb ('the next day' is
    # no clause of its own): the question stays a quotation of the speaker's (review).
    from articles.extraction.text import find_quotes, split_sentences
    for t in ('"Why not?" she said the next day.', '"Why not?" he said the following week in court.',
              '"Is that fair?" the mayor said the council had asked.'):
        assert len(split_sentences(t, 0, len(t), find_quotes(t, 0, len(t)))) == 1, t
    ex = extract("Tom Reyes met Jo Sharp on Monday.", '"Why not?" she said the following week in court.')
    assert holding(ex, "Why not?")[0].startswith('"Why not?"')


def test_a_subject_before_later_is_no_time_phrase_to_pass():
    # 'later' after the subject, not after a unit of time: the opening words are the subject (review).
    ex = extract("Tom Reyes met Jo Sharp on Monday.",
                 'The company later, in a filing, returned fire, telling reporters, "He is a fine man and a good friend."')
    assert not [c for c in ex.claims if c.speaker_text == "reporters"]


def test_a_possessive_s_before_adverbs_only_is_has_and_names_no_phrase():
    # "'s always said": no noun follows the "'s" (review); the phrase "Jo Sharp's always" is no source.
    for opening in ("Jo Sharp's always said:", "Jo Sharp's never once written:"):
        ex = extract("Tom Reyes met Jo Sharp on Monday.", opening + ' "The deal is dead."')
        assert not [c for c in ex.claims if "'s " in c.speaker_text], opening
