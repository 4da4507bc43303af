"""What the words around a name say it is (issue #22, junk people and organisations): datelines,
time zones, counted groups, nicknames, epithets, works' titles, businesses named by their
apposition, an outlet's host, a delegate's abbreviated title, and the tagger's evidence."""
from articles.extraction import parse
from tests.extraction.test_tagger import entities


def test_a_datelines_place_in_capitals_is_no_organisation():
    people, orgs, _ = entities("DUNMORE, Pa., May 4 (UPI) — Senator Karen Holt said on Monday that the plant would close.")
    assert "Karen Holt" in people
    assert "DUNMORE" not in orgs and "Dunmore" not in people, (people, orgs)


def test_a_time_zone_is_no_organisation():
    _, orgs, _ = entities("The Latest on the race for mayor (all times EDT):\n\n"
                          "9 p.m. PDT: Karen Holt said she would win the vote.")
    assert not {"EDT", "PDT"} & orgs, orgs


def test_a_counted_group_is_no_person():
    people, _, _ = entities("Of the families admitted, 14 Baptists, six Mennonites and one Quaker stayed. "
                            "Six Mennonites, who arrived in May, said they were grateful.")
    assert not {"Mennonites", "Baptists", "Quaker"} & people, people


def test_a_nickname_in_quotation_marks_is_no_person():
    people, _, _ = entities("Karen Holt said the mayor once called her “Miss Moneybags” at a dinner. "
                            "Holt said the remark was cruel.")
    assert "Karen Holt" in people
    assert not {"Moneybags", "Miss Moneybags"} & people, people


def test_an_epithet_before_a_first_name_is_that_person():
    people, _, ex = entities("Mayor Peter Grant spoke on Monday. His rival mocked him as Sleepy Peter at a rally, "
                             "and Sleepy Peter said nothing.")
    assert "Sleepy Peter" not in people, people
    by_text = {m.text: ex.entities[m.entity].name for m in ex.mentions}
    assert by_text.get("Sleepy Peter") == "Peter Grant"


def test_a_works_title_is_no_person():
    people, _, _ = entities("Lucy Chen, co-author of Chasing The Mayor, a book about local politics, said the race was close.")
    assert "Lucy Chen" in people
    assert not any("Chasing" in p for p in people), people


def test_a_business_named_by_its_apposition_is_an_organisation():
    people, orgs, _ = entities("He bought the debts of Gordon Steel, another mining company that had failed. "
                               "In 1990 he made one of his companies, Harlow Healthcare, into a large business. "
                               "Gordon Steel said it would appeal.")
    assert not {"Gordon Steel", "Harlow Healthcare"} & people, people
    assert {"Gordon Steel", "Harlow Healthcare"} <= orgs, orgs


def test_a_person_after_a_fronted_phrase_naming_a_firm_stays_a_person():
    people, orgs, _ = entities("As a young lawyer at a Boston law firm, Maria Lopez said she learned to listen.")
    assert "Maria Lopez" in people and "Maria Lopez" not in orgs


def test_a_spokeswoman_for_a_company_is_a_person():
    people, _, _ = entities("\"The plant will close,\" said Laura Benning, a spokeswoman for the parent company.")
    assert "Laura Benning" in people


def test_an_outlets_host_is_a_person_not_the_outlet():
    people, orgs, _ = entities("Karen Holt said in an interview with CNN's Darla Fennimore that she would run.")
    assert "Darla Fennimore" in people and "Darla Fennimore" not in orgs, (people, orgs)


def test_a_programme_after_an_outlets_possessive_is_no_person():
    people, _, _ = entities("Karen Holt spoke on CNN's New Day on Monday. She said she would run.")
    assert not {"New Day"} & people, people


def test_two_names_joined_by_and_that_the_tagger_reads_as_different_kinds_are_two():
    people, orgs, _ = entities("The moderators are NBC's Lester Holt, CNN's Anderson Cooper and Fox News' Chris Wallace, "
                               "the commission said.")
    assert not any(" and " in o for o in orgs), orgs
    assert "Anderson Cooper" in people


def test_a_first_name_that_is_the_articles_city_is_no_persons_name():
    people, _, _ = entities("Charlotte police said the protest in Charlotte was peaceful. Hotels in Charlotte were full. "
                            "Near the stadium where the National Football League's Charlotte Panthers played, "
                            "officers closed the roads, police said.")
    assert "Charlotte Panthers" not in people, people


def test_an_abbreviated_delegates_title_is_no_persons_name():
    people, _, _ = entities("\"We will not stop,\" said Del. Stacey Plaskett of the Virgin Islands. "
                            "Tom Del Beccaro, a former party chair, agreed.")
    assert "Stacey Plaskett" in people and "Tom Del Beccaro" in people, people
    assert "Del" not in people, people


def test_a_sites_name_of_ordinary_words_that_speaks_is_an_organisation():
    people, orgs, _ = entities("Zero Hedge asked, \"Where is the money?\" The site has asked before.")
    assert "Zero Hedge" not in people, people


def test_the_first_word_of_a_company_alone_is_that_company():
    people, orgs, _ = entities("The mine belonged to Patriot Coal, one of the largest coal companies. "
                               "Patriot said on Monday that it would sell it. Patriot, which has debts, refused.")
    assert "Patriot" not in people, people
    assert "Patriot Coal" in orgs


def test_the_name_before_a_role_in_a_title_is_the_employer_not_a_person():
    people, orgs, _ = entities("Senator Karen Holt grilled Harlow Brandt CEO John Stumpf on Tuesday. "
                               "Harlow Brandt was fined in May, and Harlow Brandt said it would pay.")
    assert "John Stumpf" in people
    assert "Harlow Brandt" not in people and "Harlow Brandt" in orgs, (people, orgs)


def test_a_place_or_a_party_before_a_title_makes_no_organisation():
    people, orgs, _ = entities("Texas Gov. Greg Abbott spoke first. Democratic Sen. Claire McCaskill spoke next.")
    assert {"Greg Abbott", "Claire McCaskill"} <= people
    assert not {"Texas", "Democratic"} & orgs, orgs



def test_no_with_its_full_stop_is_an_answer_or_a_number_never_part_of_a_name():
    from articles.extraction.entities.chunks import chunk_block
    from articles.extraction.text import split_sentences

    t = "Will he pay his share? No. Tavon Brisk has money. He is the No. 2 Republican, Karen Holt said."
    starts = {s.start for s in split_sentences(t, 0, len(t))}
    names = [" ".join(c.words) for c in chunk_block(t, 0, len(t), starts)]
    assert "Tavon Brisk" in names and not any(n.startswith("No ") for n in names), names
    assert [t[s.start:s.end] for s in split_sentences(t, 0, len(t))][1:3] == ["No.", "Tavon Brisk has money."]
    assert "He is the No. 2 Republican, Karen Holt said." in [t[s.start:s.end] for s in split_sentences(t, 0, len(t))]


def test_the_words_written_after_a_title_are_read_once_to_their_word_ends():
    from articles.extraction import document
    from articles.extraction.entities import EntityFinder

    art = parse("A headline\n\n5 May 2021\n\nMr. O'Neill met Sen. Brisk-Hale and Dr Amos. Mrs Lee stayed."
                "\n\n- Town Gazette\n")
    doc = document.read(art.text, art.blocks)
    titled = EntityFinder(art.text, doc.body, doc.name_starts, art.published, None)._titled_words()
    assert {"O'Neill", "O", "Brisk", "Brisk-Hale", "Amos", "Lee"} <= titled
    assert not {"O'Neil", "Bris", "met", "Hale"} & titled
