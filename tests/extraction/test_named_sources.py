"""Sources that name someone without being a name (issue #22): a headline's leading name, a
campaign, a poll, a phrase ending with a name; and capitals that are no acronym. Sentences written
for these tests."""
from articles.extraction import extract_article, parse


def extraction(headline, *paragraphs):
    return extract_article(parse(f"{headline}\n\n3 March 2019\n\n" + "\n\n".join(paragraphs)
                                 + "\n\n- The Daily Example\n"))


def speakers(ex):
    """Claim text -> (kind, name) of its speaker entity, or None."""
    out = {}
    for c in ex.claims:
        e = ex.entities[c.speaker] if c.speaker is not None else None
        out[c.text] = (e.kind, e.name) if e is not None else None
    return out


def head_claims(headline, *paragraphs):
    art = parse(f"{headline}\n\n3 March 2019\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    ex = extract_article(art)
    head = next(b for b in art.blocks if b.kind == "headline")
    return ex, [c for c in ex.claims if c.end <= head.end]


def speaker_of(ex, claim):
    return ex.entities[claim.speaker].name if claim.speaker is not None else None


def test_a_title_case_headline_names_the_person_the_body_names():
    ex, heads = head_claims("Jane Roe Calls The Tax Plan A Disaster For Families.",
                            "Jane Roe, the mayor of Springfield, spoke on Monday. Roe said the plan would hurt "
                            "families across the state.")
    assert heads and {speaker_of(ex, c) for c in heads} == {"Jane Roe"}
    # The headline's name is a mention of the person, ending where the name ends.
    head_mentions = [m for m in ex.mentions if m.end <= len("Jane Roe Calls")]
    assert [m.text for m in head_mentions] == ["Jane Roe"]


def test_a_headline_surname_is_the_person_of_that_surname_in_the_body():
    ex, heads = head_claims("Roe Says The Budget Is Broken.",
                            "Jane Roe, the mayor of Springfield, spoke on Monday. Roe said the budget was "
                            "short of money for schools.")
    assert heads and {speaker_of(ex, c) for c in heads} == {"Jane Roe"}


def test_a_headline_name_the_body_never_gives_names_no_one():
    ex, _ = head_claims("Jim Doe Calls The Tax Plan A Disaster.",
                        "Jane Roe, the mayor of Springfield, said the plan would hurt families.")
    assert "Jim Doe" not in {e.name for e in ex.entities}
    assert not [m for m in ex.mentions if m.text.startswith("Jim")]


def test_a_candidates_campaign_is_an_organisation_named_after_the_candidate():
    ex = extraction("A headline about a race",
                    "Jane Roe, a candidate for governor, spoke on Monday. The Roe campaign said the mayor would "
                    "vote against the bill.",
                    "Her campaign said the vote would be close. The campaign added that turnout was high.")
    got = speakers(ex)
    campaign = [v for t, v in got.items() if t.startswith(("the mayor would", "the vote would", "that turnout"))]
    assert campaign == [("organisation", "Roe campaign")] * 3
    assert sum(e.name == "Roe campaign" for e in ex.entities) == 1


def test_a_campaign_no_candidate_owns_stays_words():
    ex = extraction("A headline about a race", "The campaign said turnout was high in the north.")
    assert all(c.speaker is None for c in ex.claims)
    assert not [e for e in ex.entities if e.name.endswith("campaign")]


def test_a_poll_stays_words_even_after_the_pollster_was_named():
    ex = extraction("A headline about a poll",
                    "A new Quinnipiac University poll found the mayor ahead by six points.",
                    "The poll also found that most voters want more parks in the city.")
    assert speakers(ex)["that most voters want more parks in the city"] is None


def test_an_ordinary_word_in_capitals_is_no_organisation():
    ex = extraction("A headline about a letter",
                    "Jane Roe wrote back: WHAT are they thinking? She said ALL of the money was gone.")
    assert not {"WHAT", "ALL"} & {e.name for e in ex.entities}
    ex = extraction("A headline about a union", "The NAACP said the new rules were unfair to voters.")
    assert ("organisation", "NAACP") in set(speakers(ex).values())


def test_a_transcript_label_that_opens_several_lines_is_a_person():
    ex = extraction("A headline about an interview",
                    "Jane Roe spoke to the host on Sunday.",
                    "DOE: Do you think the plan will pass the council this spring?",
                    "ROE: Yes, I think the votes are there and the council knows it.",
                    "DOE: And the budget, what happens to the money for the parks?",
                    "MODERATOR: Thank you both for coming to the studio today.",
                    "MODERATOR: We will be back after the break with more news.")
    got = speakers(ex)
    assert got["Do you think the plan will pass the council this spring?"] == ("person", "Doe")
    assert got["Yes, I think the votes are there and the council knows it."] == ("person", "Jane Roe")
    assert "Moderator" not in {e.name for e in ex.entities}
    qa = extraction("A headline about an interview", "Jane Roe spoke to us on Sunday.",
                    "Q: Will the plan pass the council this spring?", "A: Yes, I think the votes are there.",
                    "Q: And the budget for the parks?", "A: It will grow by a third next year.")
    assert not {"Q", "A"} & {e.name for e in qa.entities}
    once = extraction("A headline about a note", "NOTE: The council meets on Monday at the town hall.")
    assert "Note" not in {e.name for e in once.entities}


def test_a_description_by_an_organisations_head_noun_is_the_organisation_named_before():
    ex = extraction("A headline about rules",
                    "The Environmental Protection Agency issued new rules on Monday. The agency said the rules "
                    "would cut pollution by a third.",
                    "The Springfield Police Department arrested two men. Police said the men were armed.",
                    "The union said the strike would go on until the spring.")
    got = speakers(ex)
    assert got["the rules would cut pollution by a third"] == ("organisation", "Environmental Protection Agency")
    assert got["the men were armed"] == ("organisation", "Springfield Police Department")
    assert got["the strike would go on until the spring"] is None  # no union was named


def people(*paragraphs):
    return {e.name for e in extraction("A headline about people", *paragraphs).entities if e.kind == "person"}


def test_words_before_a_full_name_the_article_gives_alone_describe_the_person():
    got = people("Former Miss Universe Maria Lopezia said the pageant was unfair to her.",
                 "Maria Lopezia spoke to reporters outside the hall on Monday.")
    assert "Maria Lopezia" in got
    assert not [n for n in got if "Universe" in n]


def test_a_known_first_name_before_an_ordinary_word_is_no_persons_name():
    got = people("The president flew on Marine One to the base on Monday.",
                 "Marine Le Pen said the vote would be close.")
    assert "Marine One" not in got and "Marine Le Pen" in got


def test_a_name_signing_a_quotation_after_a_dash_is_a_person():
    ex = extraction("A headline about voters",
                    "“I hope this campaign gives the town the anger to go out and vote.” ― Azucena Ramirez")
    assert set(speakers(ex).values()) == {("person", "Azucena Ramirez")}


def test_members_of_a_party_named_by_its_plural_speak_for_the_party_group():
    ex = extraction("A headline about a bill",
                    "Republicans said the bill was dead. Many Democrats said the vote was a sham.",
                    "House Republicans said the budget would pass. Most voters said the plan was bad.")
    got = speakers(ex)
    assert got["the bill was dead"] == ("organisation", "Republicans")
    assert got["the vote was a sham"] == ("organisation", "Democrats")
    assert got["the budget would pass"] == ("organisation", "House Republicans")
    assert got["the plan was bad"] is None
    assert {e.org_kind for e in ex.entities if e.name in ("Republicans", "Democrats")} == {"party"}


def test_a_name_then_where_the_person_is_from_is_the_person_and_a_candidates_team_an_organisation():
    ex = extraction("A headline about a vote", "Mayor Jane Roe of Ohio said the plan would pass.",
                    "The Roe team said the vote was close.")
    got = speakers(ex)
    assert got["the plan would pass"] == ("person", "Jane Roe")
    assert got["the vote was close"] == ("organisation", "Roe team")


def test_a_name_the_tagger_tags_as_a_persons_before_of_an_organisation_is_a_person():
    ents = {e.name: e.kind for e in extraction(
        "A headline about a debate",
        "The debate was run by Lester Holt of NBC News, but the candidates ignored the rules.",
        "The mine was sold by Peabody Energy to a small firm.").entities}
    assert ents.get("Lester Holt") == "person"
    assert not [n for n in ents if " of " in n]
    assert "Peabody Energy" not in ents or ents["Peabody Energy"] != "person"


def test_a_label_naming_no_one_that_opens_one_paragraph_is_no_transcript_line():
    ex = extraction("A headline about a note", "Jane Roe said the council would meet on Monday.",
                    "CLARIFICATION: An earlier version of this story gave the wrong date for the meeting.")
    assert not [c for c in ex.claims if c.speaker_text == "CLARIFICATION"]


def test_a_name_after_a_preposition_in_a_source_phrase_is_not_the_speaker():
    ex, heads = head_claims("Springfield Mayor On Roe: The Plan Is Dead.",
                            "Jane Roe, a council member, said the plan was fine. The mayor disagreed on Monday.")
    assert heads and all(c.speaker is None for c in heads)
