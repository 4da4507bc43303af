"""How a quotation's attribution is read (issue #22, extraction v3, direct4): "according to" after a
closing mark, a possessed or an aged speaker after a quotation, a group opening a colon sentence, a
one-word answer, a coordinated clause with its own speaker. Sentences written for these tests."""
from tests.extraction.test_direct_quotes import extract, holding


def test_according_to_after_a_comma_inside_the_closing_mark():
    ex = extract("Pam Oduya runs the county clinic.",
                 '"The clinic will lose two doctors before the winter," according to Pam Oduya.')
    assert holding(ex, "two doctors") == ('"The clinic will lose two doctors before the winter,"', "Pam Oduya")
    ex = extract("Pam Oduya runs the county clinic.",
                 "\u201cWill the clinic lose two doctors before the winter?\u201d according to Pam Oduya.")
    assert holding(ex, "two doctors")[1] == "Pam Oduya"


def test_a_possessed_phrase_after_a_quotation_speaks_it():
    ex = extract("Pam Oduya runs the county clinic.",
                 '"We have asked the board for two more nurses," Oduya\'s office said in a statement.')
    text, who = holding(ex, "two more nurses")
    assert text == '"We have asked the board for two more nurses,"'
    assert "Oduya" in who  # the office, or the person it speaks for
    # Not as the subject of a sentence without a quotation: a thing, not a speaker.
    ex = extract("Pam Oduya runs the county clinic.", "Oduya's remarks have left the board cold.")
    assert not [c for c in ex.claims if "board cold" in c.text]


def test_an_age_standing_for_the_person_speaks():
    ex = extract("Pam Oduya runs the county clinic.",
                 '"Who will look after the children at night?" the 52-year-old asked in a letter to the board.')
    assert holding(ex, "look after the children") == ('"Who will look after the children at night?"',
                                                      "the 52-year-old")


def test_a_group_opening_a_colon_sentence_speaks_its_quotation():
    ex = extract("Pam Oduya runs the county clinic.",
                 'Oduya said the clinic would stay open. Critics were blunt: "The clinic is already closing."')
    assert holding(ex, "stay open") == ("the clinic would stay open", "Pam Oduya")
    assert holding(ex, "already closing") == ('"The clinic is already closing."', "Critics")


def test_a_one_word_answer_after_said_and_a_comma_is_a_quotation():
    ex = extract("Pam Oduya runs the county clinic.",
                 'Asked whether the clinic would close, Oduya said, "Probably."')
    assert holding(ex, "Probably") == ('"Probably."', "Pam Oduya")
    # One quoted word with no comma or colon before it is a term, not an answer.
    ex = extract("Pam Oduya runs the county clinic.", 'Oduya said "Probably." was the word of the year.')
    assert not [c for c in ex.claims if c.text == '"Probably."']


def test_a_coordinated_clause_with_its_own_speaker_ends_the_reported_content():
    ex = extract("Pam Oduya and Lena Brask run the county clinic.",
                 'Oduya said she would hire two nurses, and Brask vowed to "close the night ward by June."')
    assert holding(ex, "two nurses") == ("she would hire two nurses", "Pam Oduya")
    assert holding(ex, "night ward")[1] == "Lena Brask"
    # Inside reported speech the coordinated clause goes on reporting: the host keeps it.
    ex = extract("Pam Oduya and Lena Brask run the county clinic.",
                 'The Gazette notes that Oduya wrote that Brask should resign, and Brask later called Oduya '
                 '"a danger to the clinic."')
    assert holding(ex, "should resign", "danger to the clinic")[1] == "Gazette"


def test_a_person_named_before_a_verb_after_a_quotation_speaks_it():
    ex = extract("Pam Oduya and Lena Brask run the county clinic.",
                 '"We will never close the night ward," Oduya said.',
                 '"Would you close it for the summer?" Brask pressed.')
    assert holding(ex, "never close") == ('"We will never close the night ward,"', "Pam Oduya")
    assert holding(ex, "for the summer") == ('"Would you close it for the summer?"', "Lena Brask")


def test_a_programme_title_before_that_is_no_content():
    ex = extract("Pam Oduya runs the county clinic.",
                 'Oduya said on "Meet the Region" that the ward was "full every single night."')
    assert holding(ex, "full every single night") == ('that the ward was "full every single night."', "Pam Oduya")


def test_the_noun_phrase_a_relative_clause_describes_speaks():
    ex = extract("Pam Oduya runs the county clinic.",
                 'The town "needs a clinic that stays open at night," said the nurse who has run the ward '
                 "for a decade.")
    assert holding(ex, "stays open at night")[1] == "the nurse"


def test_a_model_cue_in_the_attribution_tail_does_not_end_the_quotation():
    ex = extract("Pam Oduya runs the county clinic.",
                 '"The night ward is the busiest room in the county, a room of the old," Oduya said, referring '
                 "to the ward's patients, most of them now over 80.",
                 '"So I think the county owes them a second ward before the winter."')
    text, who = holding(ex, "busiest room", "second ward")
    assert who == "Pam Oduya"


def test_a_quotation_and_words_finishing_it_before_an_inverted_attribution():
    ex = extract("Pam Oduya runs the county clinic.",
                 '"We are extremely happy" about the new ward, says Pam Oduya, a nurse who has run the county '
                 "clinic for a decade.")
    assert holding(ex, "extremely happy") == ('"We are extremely happy" about the new ward', "Pam Oduya")
    ex = extract("Pam Oduya runs the county clinic.",
                 '"These extra nurses have been setting the pace for the county," in sharp contrast to previous '
                 "winters, says Pam Oduya, who runs the county clinic.")
    assert holding(ex, "setting the pace")[0].endswith("in sharp contrast to previous winters")


def test_a_long_inverted_source_is_the_noun_phrase_its_description_opens_with():
    ex = extract("Pam Oduya runs the county clinic.",
                 '"Nobody at the clinic listens to the night staff. We are tired of asking," wrote a nurse from '
                 "the county going by the name of Night Owl.")
    assert holding(ex, "night staff")[1] == "a nurse"


def test_said_according_to_a_source_then_a_quotation_is_the_sources_one_claim():
    ex = extract("Pam Oduya runs the county clinic.",
                 '"Please do not protest outside the ward tonight," Oduya said, according to the Gazette. '
                 '"It is of the utmost importance that the patients sleep."')
    text, who = holding(ex, "do not protest", "patients sleep")
    assert who == "Gazette"


def test_a_clause_an_aside_then_that_is_one_content_around_the_aside():
    ex = extract("Pam Oduya runs the county clinic.",
                 'The new ward is a reminder, Oduya said, that "the county still cares for its oldest patients."')
    text, who = holding(ex, "new ward is a reminder", "oldest patients")
    assert who == "Pam Oduya"
    # A fronted time is no clause of hers: the that-clause alone is the content.
    ex = extract("Pam Oduya runs the county clinic.", "On Tuesday morning, Oduya said, that the ward was full.")
    assert holding(ex, "ward was full")[0] == "that the ward was full"


def test_a_verb_of_saying_opening_the_sentence_then_its_speaker_and_a_quotation():
    ex = extract("Pam Oduya runs the county clinic.",
                 'Continued Oduya: "So I think the night ward is the real problem."')
    assert holding(ex, "night ward") == ('"So I think the night ward is the real problem."', "Pam Oduya")
    ex = extract("Pam Oduya runs the county clinic.",
                 'Said Pam Oduya, who grew up next to the clinic, "We were all so proud of the old ward."')
    assert holding(ex, "proud of the old ward") == ('"We were all so proud of the old ward."', "Pam Oduya")


def test_a_sentence_after_a_quotation_closed_by_a_full_stop_does_not_name_its_speaker():
    # The quotation ends its sentence: the person opening the next one is narrated, not attributed.
    for after in ("Brask resigned the next day.", "Brask disagreed."):
        ex = extract("Pam Oduya and Lena Brask run the county clinic.",
                     '"We will never close the night ward," Oduya said.',
                     '"The ward stays open." ' + after)
        assert holding(ex, "ward stays open")[1] == "Pam Oduya"


def test_a_participle_opening_the_sentence_is_no_inverted_verb_of_saying():
    # "Accused of ...", "Denied bail, ...": the participle's complement is no speaker; the clause's
    # subject after the comma speaks.
    for sentence, who in (('Accused of lying, Oduya told the board: "I kept every promise."', "Pam Oduya"),
                          ('Denied a second ward, Oduya told the board: "I kept every promise."', "Pam Oduya"),
                          ('Confirmed as director on Monday, Oduya said: "I kept every promise."', "Pam Oduya")):
        ex = extract("Pam Oduya runs the county clinic.", sentence)
        assert holding(ex, "every promise") == ('"I kept every promise."', who)
    ex = extract("Pam Oduya runs the county clinic.", 'Added the nurse: "I kept every promise."')
    assert holding(ex, "every promise") == ('"I kept every promise."', "the nurse")


def test_a_possessed_phrase_after_a_quoted_term_is_no_attribution():
    # No comma closes the quotation: a quoted term, then a relative clause ("the reform her party promised").
    for sentence in ('The "night reform" Oduya\'s party promised has not come.',
                     'The "green ward" Oduya\'s board announced last year was scrapped on Monday.'):
        ex = extract("Pam Oduya runs the county clinic.", sentence)
        assert not [c for c in ex.claims if c.kind == "quote" and ("reform" in c.text or "green ward" in c.text)]


def test_a_group_acting_on_other_words_before_a_colon_does_not_speak_them():
    # The group reads, decodes or faces the quoted words: they are someone else's (or a text's).
    for sentence in ('Prosecutors read the text message aloud: "I will burn the clinic down."',
                     'Voters in the county faced a stark choice on the ballot: "Keep the clinic or cut taxes."'):
        ex = extract("Pam Oduya runs the county clinic.", sentence)
        # The rules' claims only: the learned cue model may weigh "read" a cue on its own evidence
        # (3.4's model does, at 0.45); that is its probability and the confidence's, not this rule's.
        assert not [c for c in ex.claims if c.speaker_text in ("Prosecutors", "Voters") and c.frame != "learned"], sentence
    ex = extract("Pam Oduya runs the county clinic.", 'Critics of the plan were blunt: "The clinic is closing."')
    assert holding(ex, "clinic is closing")[1] == "Critics"


def test_the_coordinated_clause_nearest_the_cue_ends_the_reported_content():
    ex = extract("Pam Oduya and Lena Brask run the county clinic.",
                 'Oduya said the ward was full, and the beds were old, and Brask vowed to "close the night ward by June."')
    assert holding(ex, "beds were old") == ("the ward was full, and the beds were old", "Pam Oduya")
    assert holding(ex, "night ward")[1] == "Lena Brask"


def test_a_time_adjunct_ends_a_long_inverted_source():
    for after, who in (("said a nurse this week in a letter to the board of the county clinic.", "a nurse"),
                       ("wrote one reader last week in a long letter to the editor of the Gazette.", "one reader")):
        ex = extract("Pam Oduya runs the county clinic.",
                     '"The ward is full every night and we are tired of asking," ' + after)
        assert holding(ex, "tired of asking")[1] == who
