"""Who speaks (issue #22, the "who" of who-said-what), one mechanism a test, on sentences written
here: the surname a "Clinton said" names, the person rather than the channel they host, the speaker
rather than the hearer ("X told Y", "Y was told by X"), a plural "they" after a sentence naming the
group, and a paragraph continuing an open quotation."""
import pytest

from articles.extraction import extract_article, parse


def article(*paragraphs):
    body = "\n\n".join(paragraphs)
    return parse(f"A headline about things\n\n3 March 2019\n\n{body}\n\n- The Daily Example\n")


def speaker_of(needle, *paragraphs):
    """The speaker's name (entity, else the words) of the one claim whose text holds ``needle``."""
    art = article(*paragraphs)
    ex = extract_article(art)
    hits = [c for c in ex.claims if needle in c.text.lower()]
    assert len(hits) == 1, (needle, [(c.text, c.speaker_text) for c in ex.claims])
    c = hits[0]
    assert art.text[c.start:c.end] == c.text
    if c.source is not None and c.source.end > c.source.start:
        assert art.text[c.source.start:c.source.end] == c.source.text
    return ex.entities[c.speaker].name if c.speaker is not None else c.speaker_text


def test_a_surname_names_the_person_of_that_surname_named_last_in_full():
    # Hillary Clinton is named first and more often; Bill Clinton is the Clinton named last.
    paras = ("Hillary Clinton opened her campaign office in Denver on Monday. Clinton told volunteers "
             "the race was close. Mrs. Clinton has led in the polls.",
             "Bill Clinton spoke to supporters at a rally in Ohio later that day.",
             "“We are going to win this state,” Clinton said.")
    assert speaker_of("win this state", *paras) == "Bill Clinton"
    assert speaker_of("race was close", *paras) == "Hillary Clinton"


@pytest.mark.parametrize("sentence", [
    "Joe Scarborough, host of MSNBC's Morning Joe, said the senator had lost the room.",
    "“The senator has lost the room,” said Joe Scarborough, host of MSNBC's Morning Joe.",
    "MSNBC's Joe Scarborough said the senator had lost the room.",
    "“The senator has lost the room,” Joe Scarborough, the host of MSNBC's Morning Joe, said on Tuesday.",
])
def test_a_host_speaks_not_the_channel_he_hosts(sentence):
    assert speaker_of("lost the room", sentence) == "Joe Scarborough"


@pytest.mark.parametrize("sentence", [
    "Senator Tom Harkin told the Associated Press that the bill would pass.",
    "“The bill will pass,” Senator Tom Harkin told the Associated Press.",
    "The Associated Press was told by Senator Tom Harkin that the bill would pass.",
    "Reporters were told by Senator Tom Harkin that the bill would pass.",
])
def test_the_teller_speaks_not_the_hearer(sentence):
    assert speaker_of("bill will", sentence.replace("bill would", "bill will")) == "Tom Harkin"


def test_they_after_a_sentence_naming_an_organisation_is_the_organisation():
    assert speaker_of("ruin thousands", "The National Farmers Union met in Chicago on Friday to discuss the tariffs.",
                      "They said the tariffs would ruin thousands of family farms.") == "National Farmers Union"


def test_they_after_a_sentence_naming_people_stays_unresolved():
    # Two people are no organisation: "they" names neither of them alone.
    name = speaker_of("ruin thousands", "Maria Lopez and Tom Harkin met the National Farmers Union in Chicago.",
                      "They said the tariffs would ruin thousands of family farms.")
    assert name not in ("Maria Lopez", "Tom Harkin")


def test_they_far_from_any_organisation_stays_unresolved():
    name = speaker_of("ruin thousands", "The National Farmers Union met in Chicago on Friday.",
                      "The weather was cold and the roads were icy.", "Few trains ran that day.",
                      "They said the tariffs would ruin thousands of family farms.")
    assert name == "They"


def test_a_paragraph_continuing_a_quotation_keeps_its_speaker():
    paras = ("“The budget is a disaster,” said Governor Ann Marsh, who spoke after Senator Tom Harkin. "
             "“It cuts schools and roads.”",
             "“Nobody in this state voted for it.”")
    assert speaker_of("nobody in this state", *paras) == "Ann Marsh"


@pytest.mark.parametrize("sentence", [
    "Carl Boyden, who served as counsel to George Bush, listed the family rules: “Civility was assumed,” he said.",
    "Carl Boyden, a friend of Mr. Bush's father, George Bush, listed the family rules: “Civility was assumed,” he said.",
])
def test_he_in_a_sentence_continues_its_subject_not_a_name_inside_its_apposition(sentence):
    assert speaker_of("civility", sentence) == "Carl Boyden"


@pytest.mark.parametrize("sentence, content, who", [
    ("She regularly tells voters that the city is safe.", "the city is safe", "Ann Fulbright"),
    ("She memorably promised that the bridge would be finished in May.", "the bridge would be finished",
     "Ann Fulbright"),
    ("The Fulbright family said the police had lied about the arrest.", "the police had lied",
     "The Fulbright family"),
])
def test_an_adverb_in_ly_between_subject_and_cue_is_skipped_but_a_noun_in_ly_is_the_subject(sentence, content, who):
    spk = speaker_of(content, "Mayor Ann Fulbright spoke at the town hall on Monday.", sentence)
    assert spk == who


def test_a_possessed_phrase_after_the_cue_speaks_not_its_possessor():
    opening = "Tom Reyes met the board on Monday."
    assert speaker_of("stay closed", opening,
                      '"The office will stay closed," said Tom Reyes\'s spokeswoman.') == "Tom Reyes's spokeswoman"
    # The person the phrase names next speaks.
    assert speaker_of("stay closed", opening,
                      '"The office will stay closed," said Tom Reyes\'s spokeswoman, Ann Ford.') == "Ann Ford"
    # No possessive: the person after the cue speaks.
    assert speaker_of("stay closed", opening, '"The office will stay closed," said Tom Reyes.') == "Tom Reyes"


def test_a_possessed_phrase_before_the_cue_keeps_the_speech():
    opening = "Tom Reyes met the board on Monday."
    assert speaker_of("stay closed", opening,
                      '"The office will stay closed," Tom Reyes\'s chief of staff said.') == "Tom Reyes's chief of staff"
    assert speaker_of("stay closed", opening,
                      "Tom Reyes's lawyer told reporters that the office will stay closed.") == "Tom Reyes's lawyer"


def test_a_possessed_phrase_after_the_cue_ends_before_a_time_or_a_preposition_and_names_who_follows():
    opening = "Tom Reyes met the board on Monday."
    quote = '"The office will stay closed," '
    assert speaker_of("stay closed", opening, quote + "said Tom Reyes's spokeswoman on Monday.") \
        == "Tom Reyes's spokeswoman"
    assert speaker_of("stay closed", opening, quote + "said Tom Reyes's lawyer in a statement.") == "Tom Reyes's lawyer"
    assert speaker_of("stay closed", opening, quote + "said Tom Reyes's spokeswoman Ann Ford.") == "Ann Ford"
    # A thing the possessor owns is the source's words too, as before a cue presenting a quotation
    # ("Tom Reyes's statement said:"); the resolver alone may give it to the possessor.
    assert speaker_of("stay closed", opening, quote + "said Tom Reyes's letter.") == "Tom Reyes's letter"


def test_a_possessors_kin_speaks_not_the_possessor():
    opening = "Tom Reyes met the board on Monday."
    assert speaker_of("stay closed", opening, "Tom Reyes's widow said the office would stay closed.") \
        == "Tom Reyes's widow"
    assert speaker_of("stay closed", opening, '"The office will stay closed," said Tom Reyes\'s niece.') \
        == "Tom Reyes's niece"


@pytest.mark.parametrize("after, who", [
    ("said the company's chief executive.", "the company's chief executive"),
    ("said a campaign official.", "a campaign official"),
    ("said one former campaign staffer.", "one former campaign staffer"),
])
def test_a_run_of_source_nouns_after_the_cue_is_one_source(after, who):
    assert speaker_of("rise next year", "Acme Corp reported results on Monday.",
                      f'"Profits will rise next year," {after}') == who


def test_a_source_noun_owning_the_next_is_no_source_itself():
    assert speaker_of("talks will fail", "Talks opened in Geneva on Monday.",
                      '"The talks will fail," said the minister\'s spokesman.') == "the minister's spokesman"
