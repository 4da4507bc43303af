"""People and organisations in the admin: the identity rules the API keeps (audit 3, D11, D12, D17)."""
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from articles.models import Article, Organisation, Person, PersonAlias, PersonLink
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


class _Form(HTMLParser):
    """The admin change form's fields as a browser submits them."""

    def __init__(self):
        super().__init__()
        self.data, self.select, self.textarea, self.inside = [], None, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form"):
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.data.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            self.data.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.textarea = a.get("name")
            self.data.append((self.textarea, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.inside = False

    def handle_data(self, data):
        if self.textarea:
            name, value = self.data.pop()
            self.data.append((name, value + data))


def form_of(client, url) -> dict[str, list[str]]:
    parser = _Form()
    parser.feed(client.get(url).content.decode())
    out: dict[str, list[str]] = {}
    for k, v in parser.data:
        out.setdefault(k, []).append(v)
    return out


def seed(folder, name, body, publisher="The Example"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"Headline of {name}\n\n3 March 2016\n\n{body}\n\n- {publisher}\n", encoding="utf-8")
    return folder


@pytest.fixture
def two_people(tmp_path):
    call_command("import_seeds", str(seed(tmp_path / "in", "a.txt", "Boris Johnson said the talks would finish "
                                           "soon.\n\nTheresa May said the deal was good.")), verbosity=0)
    return Person.objects.get(name="Theresa May"), Person.objects.get(name="Boris Johnson")


def test_an_alias_another_person_holds_is_a_form_error(client, editor, two_people):
    may, johnson = two_people
    client.force_login(editor)
    url = f"/admin/articles/person/{may.pk}/change/"
    form = form_of(client, url)
    i = int(form["aliases-TOTAL_FORMS"][0]) - 1  # the empty extra row
    form[f"aliases-{i}-name"], form[f"aliases-{i}-is_name"], form["_save"] = ["Boris Johnson"], ["on"], ["Save"]
    r = client.post(url, form)
    assert r.status_code == 200 and "merge them instead" in r.content.decode()
    assert not may.aliases.filter(key="boris johnson").exists()
    # A short form may name several people; a new alias of one's own is fine.
    form[f"aliases-{i}-name"], form[f"aliases-{i}-is_name"] = ["Mrs Theresa May"], []
    assert client.post(url, form).status_code == 302


def test_a_rename_to_another_persons_name_is_refused_and_a_rename_moves_the_key(client, editor, two_people, tmp_path):
    may, johnson = two_people
    client.force_login(editor)
    url = f"/admin/articles/person/{may.pk}/change/"
    form = form_of(client, url)
    form["name"], form["_save"] = ["Boris Johnson"], ["Save"]
    r = client.post(url, form)
    assert r.status_code == 200 and "merge them instead" in r.content.decode()
    assert list(Person.objects.filter(name="Boris Johnson").values_list("pk", flat=True)) == [johnson.pk]
    form["name"] = ["Theresa Mae"]
    assert client.post(url, form).status_code == 302
    may.refresh_from_db()
    assert (may.name, may.key) == ("Theresa Mae", "theresa mae")
    assert PersonAlias.objects.get(person=may, key="theresa may").is_name is False  # listed, no longer a key
    # Imports of the old name no longer land on the renamed record; the new name finds it.
    call_command("import_seeds", str(seed(tmp_path / "more", "b.txt", "Theresa May said the vote was close.\n\n"
                                           "Theresa Mae said the count was late.")), verbosity=0)
    assert Person.objects.get(key="theresa may").pk != may.pk
    assert Person.objects.filter(key="theresa mae").get().pk == may.pk


def test_the_api_and_the_admin_share_the_rename_rule(api, editor, two_people):
    may, johnson = two_people
    api.force_authenticate(editor)
    resp = api.patch(f"/api/v1/people/{may.pk}/", {"name": "Theresa Mae"}, format="json")
    assert resp.status_code == 200
    assert PersonAlias.objects.get(person=may, key="theresa may").is_name is False
    resp = api.patch(f"/api/v1/people/{johnson.pk}/", {"name": "Theresa Mae"}, format="json")
    assert resp.status_code == 409 and "merge them instead" in str(resp.json())


def test_an_organisation_alias_or_name_another_holds_is_a_form_error(client, editor):
    a = Organisation.objects.create(name="Acme Foundation", key="acme foundation")
    b = Organisation.objects.create(name="Zenith Trust", key="zenith trust")
    b.aliases.create(name="Zenith", key="zenith")
    client.force_login(editor)
    url = f"/admin/articles/organisation/{a.pk}/change/"
    form = form_of(client, url)
    i = int(form["aliases-TOTAL_FORMS"][0]) - 1
    form[f"aliases-{i}-name"], form["_save"] = ["ZENITH"], ["Save"]
    r = client.post(url, form)
    assert r.status_code == 200 and "merge them instead" in r.content.decode()
    form[f"aliases-{i}-name"], form["name"] = [""], ["Zenith Trust"]
    r = client.post(url, form)
    assert r.status_code == 200 and "merge them instead" in r.content.decode()
    form["name"] = ["Acme Trust"]
    assert client.post(url, form).status_code == 302
    a.refresh_from_db()
    assert a.key == "acme trust" and a.aliases.filter(key="acme trust").exists()


def test_editors_review_surname_links_and_rejected_names(client, editor, tmp_path):
    """Audit 3, D12: the README gives editors the surname-link queue; the groups did not."""
    folder = seed(tmp_path / "in", "a.txt", "Angela Davis said the prisons were full.")
    seed(folder, "b.txt", "Julie Davis said the report was late.")
    seed(folder, "c.txt", "Davis said the vote would be close.")
    call_command("import_seeds", str(folder), verbosity=0)
    link = PersonLink.objects.get(status=PersonLink.Status.SUGGESTED)
    client.force_login(editor)
    assert client.get("/admin/articles/personlink/").status_code == 200
    assert client.get("/admin/articles/rejectedname/").status_code == 200
    r = client.post("/admin/articles/personlink/", {"action": "accept", "_selected_action": [link.pk]})
    assert r.status_code == 302
    link.refresh_from_db()
    assert link.status == PersonLink.Status.LINKED and link.decided_by == editor


def test_viewers_read_the_surname_queue_but_cannot_accept(client, viewer, tmp_path):
    folder = seed(tmp_path / "in", "a.txt", "Angela Davis said the prisons were full.")
    seed(folder, "b.txt", "Julie Davis said the report was late.")
    seed(folder, "c.txt", "Davis said the vote would be close.")
    call_command("import_seeds", str(folder), verbosity=0)
    link = PersonLink.objects.get(status=PersonLink.Status.SUGGESTED)
    client.force_login(viewer)
    assert client.get("/admin/articles/personlink/").status_code == 200
    client.post("/admin/articles/personlink/", {"action": "accept", "_selected_action": [link.pk]})
    link.refresh_from_db()
    assert link.status == PersonLink.Status.SUGGESTED


def test_accepting_a_link_needs_the_merge_permission(client, tmp_path):
    from django.contrib.auth.models import Permission

    folder = seed(tmp_path / "in", "a.txt", "Angela Davis said the prisons were full.")
    seed(folder, "b.txt", "Julie Davis said the report was late.")
    seed(folder, "c.txt", "Davis said the vote would be close.")
    call_command("import_seeds", str(folder), verbosity=0)
    link = PersonLink.objects.get(status=PersonLink.Status.SUGGESTED)
    user = make_user("linker", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_personlink", "change_personlink"]))
    client.force_login(user)
    client.post("/admin/articles/personlink/", {"action": "accept", "_selected_action": [link.pk]})
    link.refresh_from_db()
    assert link.status == PersonLink.Status.SUGGESTED


def test_not_an_organisation_on_a_publisher_repoints_its_articles(client, editor, tmp_path):
    """Audit 3, D17: "Not an organisation…" on a publisher answered 500 (ProtectedError)."""
    folder = seed(tmp_path / "in", "a.txt", 'The minister said "waiting lists have halved since last spring".',
                  publisher="Staff reporter")
    call_command("import_seeds", str(folder), verbosity=0)
    pub = Article.objects.get().publisher
    client.force_login(editor)
    r = client.post(f"/admin/articles/organisation/{pub.pk}/reject/", {})
    assert r.status_code == 302
    assert not Organisation.objects.filter(pk=pub.pk).exists()
    assert Article.objects.get().publisher is None
    # A later import of the name respects the decision (and does not fail on it).
    seed(folder, "b.txt", "The mayor said the buses would run all night.", publisher="Staff reporter")
    call_command("import_seeds", str(folder), verbosity=0)
    assert Article.objects.count() == 2 and not Article.objects.exclude(publisher=None).exists()


def test_not_an_organisation_gives_its_articles_to_the_replacement(client, editor, tmp_path):
    folder = seed(tmp_path / "in", "a.txt", 'The minister said "waiting lists have halved".', publisher="Staff reporter")
    call_command("import_seeds", str(folder), verbosity=0)
    pub = Article.objects.get().publisher
    other = Organisation.objects.create(name="The Example Times", key="example times")
    client.force_login(editor)
    r = client.post(f"/admin/articles/organisation/{pub.pk}/reject/", {"replacement_organisation": other.pk})
    assert r.status_code == 302
    assert Article.objects.get().publisher == other
    seed(folder, "b.txt", "The mayor said the buses would run all night.", publisher="Staff reporter")
    call_command("import_seeds", str(folder), verbosity=0)
    assert set(Article.objects.values_list("publisher_id", flat=True)) == {other.pk}
