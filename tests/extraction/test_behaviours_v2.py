"""Extraction v2 behaviours (speakers, nested attributions, statistics, entities), each on
sentences written for the test."""
from decimal import Decimal

from articles.extraction import extract_article, parse


def extract(*paragraphs, date="3 March 2019"):
    art = parse(f"A headline about things\n\n{date}\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    ex = extract_article(art)
    for c in ex.claims:
        assert art.text[c.start:c.end] == c.text
    return ex


def speaker_of(ex, needle):
    hits = [c for c in ex.claims if needle in c.text]
    assert hits, (needle, [c.text for c in ex.claims])
    c = hits[0]
    return ex.entities[c.speaker].name if c.speaker is not None else c.speaker_text


def people(ex):
    return {e.name for e in ex.entities if e.kind == "person"}


def orgs(ex):
    return {e.name: e.org_kind for e in ex.entities if e.kind == "organisation"}


# -- 4. speakers --------------------------------------------------------------------------
def test_dateline_is_never_a_speaker():
    ex = extract("WASHINGTON (AFP) — Senator Ruth Adler said the bill would pass before the summer recess.")
    assert speaker_of(ex, "bill would pass") == "Ruth Adler"
    assert "Washington" not in people(ex) and "WASHINGTON" not in people(ex)


def test_a_source_named_by_words_is_a_noun_phrase():
    ex = extract("But environmentalists worry that the new mine will poison the river.",
                 "Deeply divided over the budget, the council found little to agree on.",
                 "When the pollsters asked about the four candidates, the mayor was supported by 42 percent.")
    assert speaker_of(ex, "poison the river") == "environmentalists"  # the conjunction is not the source
    # A place speaks for its government, whatever its last letters.
    assert speaker_of(extract("Beijing said it would retaliate against the new tariffs."), "retaliate") == "Beijing"
    for c in ex.claims:  # an adverb, a participle or a fronted clause names nobody
        assert c.speaker_text.split()[0].lower() not in ("deeply", "when", "but", "in"), c.speaker_text
    ex = extract("Other major unions, including the American Federation of Teachers and the AFL-CIO, have also "
                 "endorsed Clinton in the race.")
    for c in ex.claims:  # the words of a verb phrase name nobody either
        assert c.speaker_text.split()[0].lower() != "have", c.speaker_text
    ex = extract("It's unclear whether a vote on the measure will be scheduled before Congress takes its break.",
                 "It is worth noting Apple's recent $14.5 billion tax bill levied by the European Union.")
    assert not ex.claims, [(c.speaker_text, c.text) for c in ex.claims]  # "it" here stands for no one


def test_a_place_after_in_is_no_speaker_and_a_family_name_keeps_its_particle():
    ex = extract("Mayor Bill de Blasio visited the scene in a densely packed Chelsea neighborhood.",
                 "At a press conference in Chelsea, the mayor also said the city was safe.",
                 "De Blasio said the trains would run on time.")
    assert "Chelsea" not in people(ex)
    assert speaker_of(ex, "the city was safe") == "Bill de Blasio"
    assert speaker_of(ex, "trains would run") == "Bill de Blasio"


def test_a_quoted_programme_title_is_not_what_was_said():
    ex = extract("On this weekend’s broadcast of “Fox News Sunday,” Gov. Mike Pence said the debate would be "
                 "rigged against his running mate.")
    assert not [c for c in ex.claims if "Fox News Sunday" in c.text]
    assert speaker_of(ex, "debate would be rigged") == "Mike Pence"


def test_the_occasion_of_speaking_is_not_part_of_what_was_said():
    ex = extract("Senator Ruth Adler said the bridge would close on Monday in an interview with the Daily Example.",
                 "Mayor Karen Holt said the library would stay open during the summer.",
                 "Councillor Tom Reyes said he cannot comment on the letter because he has not seen it.")
    assert speaker_of(ex, "bridge would close") and [c.text for c in ex.claims if "bridge" in c.text] == [
        "the bridge would close on Monday"]
    assert [c.text for c in ex.claims if "library" in c.text] == ["the library would stay open during the summer"]
    assert [c.text for c in ex.claims if "comment" in c.text] == [
        "he cannot comment on the letter because he has not seen it"]


def test_sentence_initial_words_are_never_names():
    ex = extract("Even Republicans said the tariffs had gone too far.",
                 "But Democrats warned that the deficit would grow.")
    assert not {"Even", "Even Republicans", "But", "But Democrats"} & people(ex)


def test_mr_with_a_full_stop_does_not_break_the_name():
    ex = extract("Mr. Alan Whitfield, a farmer, spoke at the meeting.",
                 "Mr. Whitfield said the harvest was the worst in twenty years.")
    assert speaker_of(ex, "harvest was the worst") == "Alan Whitfield"
    assert people(ex) == {"Alan Whitfield"}


def test_organisations_speak():
    ex = extract("Exports of steel fell sharply in the spring, the Commerce Department said last month.",
                 "The Ministry of Trade said it would retaliate against the new duties.")
    assert speaker_of(ex, "Exports of steel fell") == "Commerce Department"
    assert speaker_of(ex, "would retaliate") == "Ministry of Trade"


def test_anonymous_group_is_not_the_person_the_claim_is_about():
    ex = extract("President Harold Vance met his advisers on Tuesday.",
                 "Two administration officials, speaking on condition of anonymity, said the President had been "
                 "angered by the leak.")
    hits = [c for c in ex.claims if "angered by the leak" in c.text]
    assert hits
    c = hits[0]
    assert c.speaker is None or ex.entities[c.speaker].kind != "person"
    assert "officials" in c.speaker_text


def test_role_as_subject_resolves_to_the_person_named_in_that_role():
    ex = extract("Jane Holloway, the Health Secretary, visited a hospital in Leeds on Monday.",
                 "The Health Secretary told MPs that waiting lists would fall by a third.")
    assert speaker_of(ex, "waiting lists would fall") == "Jane Holloway"


def test_colon_quote_from_a_spokesman_for_an_organisation():
    ex = extract("A spokesman for NHS England said: “Hospitals are better prepared than ever before.”")
    c = [c for c in ex.claims if "better prepared" in c.text][0]
    assert c.speaker is not None and ex.entities[c.speaker].name == "NHS England"


def test_pronoun_resolves_by_gender():
    ex = extract("Mary Jones met Tom Baker at the town hall on Friday.",
                 "She said the agreement would be signed next week.")
    assert speaker_of(ex, "agreement would be signed") == "Mary Jones"


# -- 5. nested attributions ------------------------------------------------------------------
def test_nested_attribution_gives_two_claims_with_two_speakers():
    ex = extract("Peter Grant warned that the river would flood the valley, as scientists said the glaciers "
                 "were melting faster than expected.")
    assert speaker_of(ex, "river would flood") == "Peter Grant"
    outer = [c for c in ex.claims if "river would flood" in c.text][0]
    assert "glaciers" not in outer.text
    assert speaker_of(ex, "glaciers were melting") == "scientists"


# -- 6. statistics ------------------------------------------------------------------------
def stats(*paragraphs):
    return extract(*paragraphs).statistics


def test_one_in_five_is_a_ratio():
    (s,) = [s for s in stats("One in five hospitals had no spare beds last winter.") if "five" in s.text]
    # One in five: the value 1 out of the upper value 5.
    assert (s.unit, s.value, s.upper_value, s.measure) == ("ratio", Decimal(1), Decimal(5), "hospitals")


def test_counts_of_sources_are_not_statistics():
    assert stats("Two officials said the talks had stalled.") == []


def test_growth_from_a_previous_value():
    (s,) = stats("The number of visitors has grown to 4.2 million from 3.9 million a year earlier.")
    assert s.value == Decimal("4200000") and s.previous_value == Decimal("3900000")


def test_up_from_is_one_change():
    (s,) = stats("Support for the plan stood at 53 per cent in May, up from 41 per cent in March.")
    assert s.value == Decimal("53") and s.previous_value == Decimal("41") and s.unit == "percent"


def test_range_keeps_both_ends():
    (s,) = stats("Sea levels could rise by between 0.7 and 0.9 metres by the end of the century.")
    assert s.value == Decimal("0.7") and s.upper_value == Decimal("0.9")


def test_money_keeps_currency_and_scale():
    found = {(s.value, s.currency) for s in stats("The scheme will cost £4bn, against $200 billion in the US.")}
    assert (Decimal("4000000000"), "GBP") in found and (Decimal("200000000000"), "USD") in found


# -- 7. entities --------------------------------------------------------------------------
def test_programmes_and_roles_are_not_people():
    ex = extract("Senator Ruth Adler told Fox News Sunday that the bill would pass.",
                 "The House Speaker said the vote would be held on Thursday.")
    assert not {"Fox News Sunday", "House Speaker", "Speaker"} & people(ex)


def test_role_words_are_never_aliases():
    ex = extract("Prime Minister Anna Berg met President Louis Marchand in Paris.",
                 "The Prime Minister said the talks were constructive.")
    for e in ex.entities:
        if e.kind == "person":
            assert not any(a.lower() in ("prime minister", "president", "the prime minister") for a in e.aliases), e


def test_organisation_kinds():
    ex = extract("The Brookings Institution, a think tank, and the charity Oxfam criticised the Department of "
                 "Education on Monday.")
    kinds = orgs(ex)
    assert kinds.get("Brookings Institution") == "think_tank"
    assert kinds.get("Oxfam") == "ngo"
    assert kinds.get("Department of Education") == "government"


def test_person_of_an_unknown_body_speaks():
    ex = extract('"It was the least bad outcome," Mr. Morgan of the Sierra Club said.')
    assert speaker_of(ex, "least bad outcome") == "Morgan"
    assert not any("said" in c.text for c in ex.claims)  # the attribution is not part of the quote


def test_honorific_with_a_surname_that_is_a_role_word():
    ex = extract('Civil rights leaders will meet on Monday. "It is all about enthusiasm," Mr. King added.')
    assert speaker_of(ex, "all about enthusiasm") == "King"
    assert "King" in people(ex)
    ex = extract('"Thank you," Mr. President said the senator.', 'Mr. Speaker opened the session.')
    assert "President" not in people(ex) and "Speaker" not in people(ex)


def test_initials_written_together_are_one_name():
    ex = extract('“This is a disgusting day,” said Rep. G.K. Butterfield, head of the caucus.',
                 'The author J.R.R. Tolkien said the book was long.')
    assert speaker_of(ex, "disgusting day") == "G. K. Butterfield"
    assert "J. R. R. Tolkien" in people(ex) and not any(len(p) <= 3 for p in people(ex))


# -- quotation styles and unattributed words ---------------------------------------------
def test_two_apostrophe_quotes_open_a_new_sentence():
    # Wire copy writes quotation marks as two apostrophes: the quote is its own sentence, so the
    # sentence before it stays out of the quote's content.
    ex = extract("Leonard Burman, an economist, studied the plan. ''There's a lot of new complexity,'' said Mr. Burman.")
    quote = [c for c in ex.claims if "complexity" in c.text]
    assert quote and quote[0].text == "''There's a lot of new complexity,''"
    assert speaker_of(ex, "complexity") == "Leonard Burman"


def test_a_question_quote_then_any_quote_cue_is_one_sentence():
    ex = extract("Senator David Vitter spoke at the hearing. “Why isn’t this clear proof?” Vitter demanded.")
    assert speaker_of(ex, "clear proof") == "David Vitter"


def test_words_with_no_source_are_no_claim():
    # The cue model takes "Comparing" and "appeared" for cues, but nobody is named who compares
    # or to whom it appeared: no attribution.
    ex = extract("Comparing Trump to Romney has become a favourite pastime of the columnists.",
                 "It appeared that the governor was unable to parlay the assault into a win.")
    assert [c.text for c in ex.claims] == []


def test_a_surname_followed_by_who_is_a_person_and_the_later_he():
    ex = extract("Christie, who has campaigned for the nominee Donald Trump since he suspended his own campaign "
                 "in February, blasted Clinton on a radio show. “Those comments are awful,” he said.")
    assert "Christie" in people(ex)
    assert speaker_of(ex, "comments are awful") == "Christie"


def test_a_long_apposition_before_said_still_makes_a_speaker():
    ex = extract("Angelique Brunner, a Washington-based developer and spokeswoman for the EB-5 Investment Coalition, "
                 "which is made up of investors, said many of the examples were wrong.",
                 "\"People look at it the wrong way,\" she said.")
    assert "Angelique Brunner" in people(ex)
    assert speaker_of(ex, "wrong way") == "Angelique Brunner"


def test_a_fronted_phrase_does_not_hide_the_subject_a_pronoun_refers_to():
    ex = extract("Senator Elizabeth Warren said the bank had failed its customers.",
                 "At the hearing, presidential nominee Hillary Clinton was more careful than her colleagues. "
                 "Though she called the behaviour “outrageous,” she stopped short of more.")
    assert speaker_of(ex, "outrageous") == "Hillary Clinton"


def test_a_speaker_inside_the_sentence_keeps_the_whole_sentence_as_content():
    ex = extract("Tom Clarke bought the company in 2015.",
                 "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999.",
                 "In an interview, Mr. Clarke said, however, that the mines would reopen.")
    whole = [c for c in ex.claims if c.text.startswith("Lenox")]
    assert whole and whole[0].text == "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999"
    assert speaker_of(ex, "juggernaut") == "Tom Clarke"
    assert not any(c.text.startswith("In an interview") for c in ex.claims)


def test_a_clause_before_said_keeps_its_speaker_when_the_sentence_runs_on():
    ex = extract("WASHINGTON ― The tariff is an insult to all African-Americans, top black lawmakers said Friday "
                 "afternoon, as they bristled at the questions.")
    claim = [c for c in ex.claims if "tariff" in c.text]
    assert claim and claim[0].text == "The tariff is an insult to all African-Americans"  # no dateline
    assert speaker_of(ex, "tariff") == "top black lawmakers"
    assert "African-Americans" not in people(ex)


def test_a_person_of_unknown_gender_takes_the_gender_of_their_pronouns():
    ex = extract("Suu Kyi, the Burmese leader, visited the White House after she was released.",
                 "Vice President Biden met Suu Kyi at lunch. Obama said the visit went well. He called Burma a success.",
                 "In response to pressure, Suu Kyi recently presided over a summit of tribal groups.",
                 "\"Unity also means prosperity,\" she said in the Oval Office.")
    genders = {e.name: e.gender for e in ex.entities if e.kind == "person"}
    assert genders.get("Obama") == "m"
    assert speaker_of(ex, "Unity also means") == "Suu Kyi"


def headline_claims(headline, *paragraphs):
    art = parse(f"{headline}\n\n3 March 2019\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    ex = extract_article(art)
    head_end = art.blocks[0].end
    return ex, [c for c in ex.claims if c.end <= head_end]


def test_a_headline_naming_its_source_before_a_colon_is_an_attribution():
    ex, heads = headline_claims("Pence: Flowers Won't Be at the Debate.",
                                "Mike Pence said on Sunday that the guest list was settled.")
    assert [c.text for c in heads] == ["Flowers Won't Be at the Debate"]
    assert ex.entities[heads[0].speaker].name == "Mike Pence"


def test_a_headline_ending_with_the_source_and_says_is_an_attribution():
    _, heads = headline_claims("Trump Could Address Clean Energy, Lindsey Graham Says.",
                               "The senator spoke to reporters in the Capitol.")
    assert [(c.text, c.speaker_text) for c in heads] == [("Trump Could Address Clean Energy", "Lindsey Graham")]


def test_a_headline_kicker_is_no_source():
    _, heads = headline_claims("The Latest: Storm Hits the Coast.", "Rain fell all day in the port.")
    assert all(c.speaker_text != "The Latest" for c in heads)


def test_a_headline_kicker_naming_no_one_before_a_colon_is_no_source():
    _, heads = headline_claims("Trouble In Paradise: Harbour Closes Ahead of Gale.",
                               "The harbour master closed the port on Friday.")
    assert all(c.speaker_text != "Trouble In Paradise" for c in heads)
    _, heads = headline_claims("Poll: Most Voters Back the Harbour Plan.", "The survey asked 900 people.")
    assert [c.speaker_text for c in heads] == ["Poll"]


def test_a_paragraph_after_said_colon_is_the_speakers_even_without_quotation_marks():
    ex = extract("Mark Levin spoke on his radio show on Monday. Levin added:",
                 "And from a supposed front-runner, this reeks of some of the greatest fear that I have ever seen.")
    assert speaker_of(ex, "greatest fear") == "Mark Levin"
    assert [c.text for c in ex.claims if "greatest fear" in c.text] == [
        "And from a supposed front-runner, this reeks of some of the greatest fear that I have ever seen."]
