"""A bare surname shared by a family: the member named in full just before, else the one the article
is about (named most so far), not whoever of the family was named last somewhere above. Sentences
written for the test."""
from articles.extraction import extract_article, parse

FILLER = ("The hearing ran late into the evening and covered roads, schools, the harbour, the budget "
          "for the coming year and the long argument about the new bridge over the river. ")


def speakers(*paragraphs):
    art = parse("A headline about the council\n\n3 March 2019\n\n" + "\n\n".join(paragraphs) + "\n\n- The Daily Example\n")
    ex = extract_article(art)
    return {c.text: ex.entities[c.speaker].name for c in ex.claims if c.speaker is not None}


def test_a_surname_far_from_a_relatives_full_name_means_the_person_the_article_is_about():
    got = speakers(
        "Senator Tom Reyes opened the hearing on Monday. Reyes said the council had wasted money on consultants.",
        "Reyes said the roads were the worst in the state. Reyes told reporters the schools needed more teachers.",
        "His wife, Ana Reyes, sat in the front row. " + FILLER * 3,
        "Reyes said the bridge would be finished by the spring.")
    assert got["the bridge would be finished by the spring"] == "Tom Reyes"


def test_a_surname_right_after_a_relatives_full_name_means_that_relative():
    got = speakers(
        "Senator Tom Reyes opened the hearing on Monday. Reyes said the council had wasted money on consultants.",
        "Ana Reyes, his sister and a teacher in the city, spoke next. Reyes said the classrooms were too full.")
    assert got["the classrooms were too full"] == "Ana Reyes"
