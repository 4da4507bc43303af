"""Where a person or an organisation is mentioned (issue 27, item 6): the stored mentions, not only
the claims they made."""
import pytest
from django.core.management import call_command

from articles.models import Claim, Mention, Organisation, Person
from articles.selectors.mentions import mentions_of

pytestmark = pytest.mark.django_db


def write(folder, name, body, when="3 March 2016"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"Headline of {name}\n\n{when}\n\n{body}\n\n- The Example\n", encoding="utf-8")
    return path


@pytest.fixture
def two_articles(tmp_path):
    a = write(tmp_path / "in", "a.txt", "Boris Johnson said the talks would finish soon.\n\n"
              "Theresa May said that Boris Johnson had misled the European Commission about the cost.", when="3 March 2016")
    write(tmp_path / "in", "b.txt", "Theresa May said the deal with the European Commission was good.\n\n"
              "Nobody asked Boris Johnson.", when="5 April 2017")
    call_command("import_seeds", str(a.parent), verbosity=0)
    return Person.objects.get(name="Boris Johnson")


def test_mentions_list_the_articles_naming_a_person_with_their_words(two_articles):
    johnson = two_articles
    m = mentions_of(johnson)
    stored = Mention.objects.filter(person=johnson)
    assert m.mention_count == stored.count() >= 3
    assert m.article_count == 2
    assert [a.title for a in m.articles] == ["Headline of b.txt", "Headline of a.txt"]  # newest first
    first_b = stored.filter(article__title="Headline of b.txt").order_by("start").first()
    assert m.articles[0].text == first_b.text == "Boris Johnson"
    assert m.articles[0].before.endswith("Nobody asked ") and m.articles[0].after.startswith(".")
    assert m.articles[1].count == stored.filter(article__title="Headline of a.txt").count() == 2
    # the claims that mention him, not only those he made
    mentioning = Claim.objects.filter(mentioned_people=johnson)
    assert m.claim_count == mentioning.count() >= 1
    assert all(c.speaker != johnson for c in m.claims)
    assert any("misled the European Commission" in c.text for c in m.claims)


def test_mentions_keep_to_the_limit_and_to_the_line(two_articles):
    johnson = two_articles
    m = mentions_of(johnson, limit=1)
    assert len(m.articles) == 1 and m.article_count == 2
    assert "\n" not in m.articles[0].before + m.articles[0].after  # the mention's own paragraph


def test_mentions_of_an_organisation(two_articles):
    treasury = Organisation.objects.get(name="European Commission")
    m = mentions_of(treasury)
    assert m.article_count == 2 and m.mention_count == Mention.objects.filter(organisation=treasury).count()
    assert {a.text for a in m.articles} == {"European Commission"}


def test_a_record_nobody_mentions_has_no_mentions(db):
    m = mentions_of(Person.objects.create(name="Nobody Known", key="nobody known"))
    assert (m.articles, m.article_count, m.mention_count, m.claims, m.claim_count) == ([], 0, 0, [], 0)
