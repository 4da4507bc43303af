"""The desk, round 2 (issue 27): the bugs a new user hit, and triage at a glance."""
import re

from articles.models import Article, Claim
from tests.services.test_families import two_outlets  # noqa: F401  (fixture)


def listed_ids(html):
    return {int(i) for i in re.findall(r'/admin/articles/claim/(\d+)/change/', html)}


def test_an_articles_claim_count_opens_that_articles_claims(client, two_outlets, editor):  # noqa: F811
    client.force_login(editor)
    html = client.get("/admin/articles/article/").content.decode()
    arts = list(Article.objects.order_by("id"))
    assert len(arts) == 2
    for art in arts:
        m = re.search(rf'href="(/admin/articles/claim/\?article={art.pk})">(\d+)<', html)
        assert m, art.source_file
        own = set(art.claims.values_list("pk", flat=True))
        assert int(m.group(2)) == len(own) > 0
        page = client.get(m.group(1)).content.decode()
        assert listed_ids(page) == own  # the article's claims, and no other
        assert art.title[:30] in page  # the filter says which article
    assert "?organisation=" not in html
    # A bad value lists nothing rather than everything (or an error).
    assert listed_ids(client.get("/admin/articles/claim/?article=abc").content.decode()) == set()
    assert listed_ids(client.get("/admin/articles/claim/?article=424242").content.decode()) == set()
    assert listed_ids(client.get("/admin/articles/claim/?organisation=abc").content.decode()) == set()
    assert client.get("/admin/articles/claim/?article=99999999999999999999999").status_code == 200
    # The latest articles are offered in the filter without opening them from the articles list.
    listing = client.get("/admin/articles/claim/").content.decode()
    assert all(f"?article={a.pk}" in listing for a in arts)
    assert Claim.objects.count() > len(own)
