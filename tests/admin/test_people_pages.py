"""People and organisations in the admin (issue 27, item 6): where they are mentioned, their public
page, and "Not a person…" for several records at once."""
import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Claim, Organisation, Person, RejectedName, ReviewEvent
from articles.services import review
from tests.selectors.test_mentions import two_articles, write  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_a_persons_page_lists_the_articles_and_claims_that_mention_them(client, editor, two_articles):  # noqa: F811
    johnson = two_articles
    client.force_login(editor)
    page = client.get(f"/admin/articles/person/{johnson.pk}/change/").content.decode()
    block = page[page.index('class="cdb-mentions"'):]
    assert "in 2 article(s)" in block
    for claim in Claim.objects.filter(mentioned_people=johnson):  # claims he did not make
        assert reverse("admin:articles_claim_change", args=[claim.pk]) in block
    assert "Nobody asked <mark>Boris Johnson</mark>." in block
    a = Claim.objects.get(text__contains="misled").article
    assert reverse("admin:articles_article_change", args=[a.pk]) in block


def test_an_organisations_page_lists_its_mentions(client, editor, two_articles):  # noqa: F811
    ec = Organisation.objects.get(name="European Commission")
    client.force_login(editor)
    page = client.get(f"/admin/articles/organisation/{ec.pk}/change/").content.decode()
    assert "in 2 article(s)" in page and "<mark>European Commission</mark>" in page


def test_the_record_links_to_its_public_page_once_a_check_is_published(client, editor, two_articles):  # noqa: F811
    johnson = two_articles
    client.force_login(editor)
    url = f"/admin/articles/person/{johnson.pk}/change/"
    public = reverse("public:person", args=[johnson.pk])
    assert public not in client.get(url).content.decode()
    assert "None yet" in client.get(url).content.decode()
    claim = Claim.objects.filter(speaker=johnson).first()
    review.apply_review(claim, editor, verdict=Claim.Verdict.FALSE, status=Claim.Status.CHECKED)
    assert f'href="{public}"' in client.get(url).content.decode()
    assert client.get(public).status_code == 200


def test_an_organisations_public_page(client, editor, tmp_path):
    call_command("import_seeds", str(write(tmp_path, "c.txt", "A Pentagon official said the strikes worked.")),
                 verbosity=0)
    claim = Claim.objects.get(organisation__isnull=False)
    org = claim.organisation
    public = reverse("public:organisation", args=[org.pk])
    assert client.get(public).status_code == 404  # nothing published: no page
    review.apply_review(claim, editor, verdict=Claim.Verdict.TRUE, status=Claim.Status.CHECKED)
    assert "strikes worked" in client.get(public).content.decode()
    client.force_login(editor)
    assert f'href="{public}"' in client.get(f"/admin/articles/organisation/{org.pk}/change/").content.decode()


@pytest.fixture
def bogus(tmp_path):
    call_command("import_seeds", str(write(tmp_path / "in", "a.txt", "Boris Johnson said the talks would finish soon.")),
                 verbosity=0)
    made = [Person.objects.create(name=n, key=n.lower()) for n in ("Obama Speech", "Brexit Day")]
    claim = Claim.objects.get()
    claim.speaker = made[0]
    claim.save()
    return made, claim, tmp_path / "in" / "a.txt"


def test_not_a_person_for_several_records_asks_then_removes_them_all(client, editor, viewer, bogus):
    made, claim, path = bogus
    ids = [p.pk for p in made]
    client.force_login(editor)
    page = client.post("/admin/articles/person/", {"action": "not_a_selected", "_selected_action": ids})
    html = page.content.decode()
    assert page.status_code == 200 and "Obama Speech" in html and "Brexit Day" in html  # asks first
    assert Person.objects.filter(pk__in=ids).count() == 2
    johnson = Person.objects.get(name="Boris Johnson")
    r = client.post("/admin/articles/person/", {"action": "not_a_selected", "_selected_action": ids,
                                                "confirm": "yes", "replacement_person": johnson.pk})
    assert r.status_code == 302
    assert not Person.objects.filter(pk__in=ids).exists()
    claim.refresh_from_db()
    assert claim.speaker == johnson
    assert ReviewEvent.objects.filter(claim=claim).get().changes == {"speaker": ["Obama Speech", "Boris Johnson"]}
    assert set(RejectedName.objects.filter(kind="person").values_list("key", flat=True)) == {"obama speech", "brexit day"}


def test_not_a_person_in_bulk_needs_the_identity_right_and_refuses_a_replacement_among_them(client, viewer, editor, bogus):
    made, claim, _ = bogus
    ids = [p.pk for p in made]
    client.force_login(viewer)
    client.post("/admin/articles/person/", {"action": "not_a_selected", "_selected_action": ids, "confirm": "yes"})
    assert Person.objects.filter(pk__in=ids).count() == 2
    client.force_login(editor)
    r = client.post("/admin/articles/person/", {"action": "not_a_selected", "_selected_action": ids,
                                                "confirm": "yes", "replacement_person": ids[0]})
    assert r.status_code == 200 and "another person than the ones removed" in r.content.decode()
    assert Person.objects.filter(pk__in=ids).count() == 2  # all or none


def test_not_an_organisation_for_several_records(client, editor, tmp_path):
    call_command("import_seeds", str(write(tmp_path, "c.txt", "A Pentagon official said the strikes worked.")),
                 verbosity=0)
    orgs = [Organisation.objects.create(name=n, key=n.lower()) for n in ("Brexit Means Brexit", "Project Fear")]
    client.force_login(editor)
    r = client.post("/admin/articles/organisation/", {"action": "not_a_selected", "confirm": "yes",
                                                      "_selected_action": [o.pk for o in orgs]})
    assert r.status_code == 302 and not Organisation.objects.filter(pk__in=[o.pk for o in orgs]).exists()
    assert RejectedName.objects.filter(kind="organisation").count() == 2
    assert Organisation.objects.filter(name="Pentagon").exists()


def test_bulk_not_a_person_survives_a_reimport(client, editor, tmp_path):
    path = write(tmp_path / "in", "a.txt", "Obama Speech said the plan would work. Tom Clarke said coal was finished.")
    call_command("import_seeds", str(path), verbosity=0)
    bogus = Person.objects.filter(name__startswith="Obama").first() or Person.objects.create(
        name="Obama Speech", key="obama speech")
    Claim.objects.filter(text__contains="plan would work").update(speaker=bogus)
    client.force_login(editor)
    client.post("/admin/articles/person/", {"action": "not_a_selected", "confirm": "yes", "_selected_action": [bogus.pk]})
    path.write_text(path.read_text() + "\n\nMore text here.\n", encoding="utf-8")  # a changed file re-extracts
    call_command("import_seeds", str(path), verbosity=0)
    assert not Person.objects.filter(name="Obama Speech").exists()
    assert Person.objects.filter(name="Tom Clarke").exists()


def test_the_bulk_action_is_offered_only_to_those_who_may_change_identities(client, editor, viewer, bogus):
    client.force_login(editor)
    assert 'value="not_a_selected"' in client.get("/admin/articles/person/").content.decode()
    client.force_login(viewer)
    assert 'value="not_a_selected"' not in client.get("/admin/articles/person/").content.decode()
