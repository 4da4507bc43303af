"""The editors' desk (the admin's front page) and the "assigned to" selections, admin and API."""
import re

import pytest

from articles.models import Claim
from articles.services import review
from tests.conftest import make_user


@pytest.fixture
def assigned(imported_seed, editor):
    other = make_user("other", "Editors", is_staff=True)
    claims = list(Claim.objects.order_by("id"))
    for c in claims[:3]:
        review.assign(c, editor, editor)
    review.assign(claims[3], other, other)
    review.apply_review(claims[4], editor, status="checked", verdict="false", rationale="No.")
    return {"mine": claims[:3], "other": claims[3], "checked": claims[4], "all": claims}


def figure(html, label):
    m = re.search(r'<a class="figure" href="([^"]+)"><b>(\d+)</b><span>' + re.escape(label) + '</span>', html)
    assert m, label
    return m.group(1).replace("&amp;", "&"), int(m.group(2))


def listed_ids(client, url):
    html = client.get(url).content.decode()
    return {int(i) for i in re.findall(r'/admin/articles/claim/(\d+)/change/', html)}


def test_the_desk_is_the_front_page_and_every_figure_opens_its_claims(client, assigned, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Your queue" in html and "Recent review activity" in html and "Recently checked" in html
    assert "Auth Token" not in html  # an editor sees no authentication models
    url, n = figure(html, "Assigned to me")
    assert n == 3 and listed_ids(client, url) == {c.pk for c in assigned["mine"]}
    url, n = figure(html, "New and unassigned")
    expected = set(Claim.objects.filter(status="new", assignee=None).values_list("pk", flat=True))
    assert n == len(expected) > 0 and listed_ids(client, url) == expected
    url, n = figure(html, "Checked")
    assert n == 1 and listed_ids(client, url) == {assigned["checked"].pk}
    url, n = figure(html, "Least confident first")
    page = client.get(url).content.decode()
    shown = [float(x) for x in re.findall(r'<td class="field-confidence_display">([0-9.]+)</td>', page)]
    assert shown and shown == sorted(shown)
    assert assigned["checked"].text[:40] in html  # recently checked


@pytest.mark.parametrize("value, expect", [("me", "mine"), ("none", "unassigned"), ("any", "assigned")])
def test_assigned_filter_in_the_admin(client, assigned, editor, value, expect):
    client.force_login(editor)
    ids = listed_ids(client, f"/admin/articles/claim/?assigned={value}")
    want = {"mine": {c.pk for c in assigned["mine"]},
            "unassigned": set(Claim.objects.filter(assignee=None).values_list("pk", flat=True)),
            "assigned": {c.pk for c in assigned["mine"]} | {assigned["other"].pk}}[expect]
    assert len(want) < 50  # one page of the list
    assert ids == want


def test_assignee_in_the_api(api, assigned, editor):
    def ids(**params):
        body = api.get("/api/v1/claims/", {"limit": 200, **params})
        assert body.status_code == 200, body.content
        return {c["id"] for c in body.json()["results"]}

    everyone = {c.pk for c in assigned["all"]}
    mine = {c.pk for c in assigned["mine"]}
    assert ids(assignee=str(editor.pk)) == mine
    assert ids(assignee="none") == everyone - mine - {assigned["other"].pk}
    assert ids(assignee="me") == set()  # anonymous: nobody's "me"
    api.force_authenticate(editor)
    assert ids(assignee="me") == mine
    assert api.get("/api/v1/claims/", {"assignee": "someone"}).status_code == 400
    assert api.get("/api/v1/claims/", {"assignee": "99999999999999999999999"}).status_code == 400
    assert ids(assignee="424242") == set()


def test_authentication_models_come_last(client, db):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    html = client.get("/admin/").content.decode()
    assert html.index("Claims and articles") < html.index("Authentication and Authorization")


def test_claim_autocomplete_names_speaker_and_article(client, imported_seed, editor):
    client.force_login(editor)
    r = client.get("/admin/autocomplete/", {"app_label": "articles", "model_name": "claimlink", "field_name": "target",
                                            "term": "Nato budget"})
    assert r.status_code == 200, r.content
    texts = [x["text"] for x in r.json()["results"]]
    assert texts and all("—" in t and imported_seed.title[:30] in t for t in texts)
    assert any("Michael Fallon" in t for t in texts)


def test_person_page_shows_the_speaker_record(client, imported_seed, editor):
    from articles.models import Person

    fallon = Person.objects.get(name="Michael Fallon")
    c = fallon.claims.first()
    review.apply_review(c, editor, status="checked", verdict="false")
    client.force_login(editor)
    html = client.get(f"/admin/articles/person/{fallon.pk}/change/").content.decode()
    assert "1 checked" in html and "False: <b>1</b>" in html and f"/factchecks/{c.pk}/" in html
    listed = client.get("/admin/articles/person/").content.decode()
    assert f'/admin/articles/claim/?speaker={fallon.pk}"' in listed


def test_confidence_filter_bands(client, imported_seed, editor):
    client.force_login(editor)
    claims = list(Claim.objects.order_by("id")[:3])
    for c, value in zip(claims, (0.65, 0.75, 0.95), strict=True):
        Claim.objects.filter(pk=c.pk).update(confidence=value)
    others = Claim.objects.exclude(pk__in=[c.pk for c in claims])
    others.update(confidence=0.85)
    assert listed_ids(client, "/admin/articles/claim/?confidence=low") == {claims[0].pk}
    assert listed_ids(client, "/admin/articles/claim/?confidence=medium") == {claims[1].pk}
    assert claims[2].pk in listed_ids(client, "/admin/articles/claim/?confidence=high")
    assert "Low (under 0.7)" in client.get("/admin/articles/claim/").content.decode()


def test_the_desk_selector_names_filters_and_orders_not_admin_urls_or_columns(db, editor):
    from articles.selectors import desk

    figures = desk.figures(editor)
    least = next(f for f in figures["queue"] if f.label == "Least confident first")
    assert (least.filters, least.order) == ({"status__exact": "new"}, "confidence")
    assert not hasattr(desk, "CLAIMS") and not hasattr(desk, "CONFIDENCE_COLUMN")
    assert all("/" not in v for f in figures["queue"] + figures["status"] for v in f.filters.values())


def test_confidence_bands_are_the_models_calibration(client, imported_seed, editor, monkeypatch):
    from articles.extraction.learned.model import default_model

    model = default_model()
    assert model.calibration["bands"] == {"low": 0.7, "high": 0.8}
    monkeypatch.setitem(model.calibration, "bands", {"low": 0.5, "high": 0.9})  # a retrained model's
    Claim.objects.update(confidence=0.95)
    c = Claim.objects.order_by("id").first()
    Claim.objects.filter(pk=c.pk).update(confidence=0.85)
    client.force_login(editor)
    assert "Medium (0.5-0.9)" in client.get("/admin/articles/claim/").content.decode()
    assert listed_ids(client, "/admin/articles/claim/?confidence=medium") == {c.pk}


@pytest.mark.parametrize(("admin_query", "api_query"), [
    ("assigned=me", "assignee=me"), ("assigned=none", "assignee=none"),
    ("matched=none", "matched=none"), ("matched=suggested", "matched=suggested"),
])
def test_the_admin_and_the_api_filter_claims_alike(client, api, assigned, editor, admin_query, api_query):
    """One set of query builders (selectors.claim_filters) behind the admin's list filters and the
    API's FilterSet: the same claims either way."""
    client.force_login(editor)
    api.force_authenticate(editor)
    via_admin = listed_ids(client, f"/admin/articles/claim/?{admin_query}")
    body = api.get(f"/api/v1/claims/?{api_query}&page_size=500").json()
    assert {c["id"] for c in body["results"]} == via_admin
    assert api.get("/api/v1/claims/?assignee=99999999999999999999").status_code == 400
