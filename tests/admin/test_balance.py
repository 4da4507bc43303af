"""The balance view on the desk, and its CSV (issue 27, item 7)."""
import csv
import io

import pytest
from django.urls import reverse

from articles.models import Claim, Person
from tests.selectors.test_balance import checks, publish  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
URL = "/admin/balance/"


def test_the_desk_links_to_the_balance(client, editor):
    client.force_login(editor)
    assert f'href="{reverse("admin:balance")}"' in client.get("/admin/").content.decode()
    assert reverse("admin:balance") == URL


def test_the_balance_page_by_speaker_and_by_party(client, editor, checks):  # noqa: F811
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert 'id="cdb-balance-total">5<' in html
    farage = checks["farage"]
    table = html[html.index('id="cdb-balance-verdicts"'):html.index('id="cdb-balance-months"')]
    assert f'href="{reverse("admin:articles_person_change", args=[farage.pk])}">Nigel Farage</a>' in table
    assert "2026-10" in html[html.index('id="cdb-balance-months"'):]
    html = client.get(URL, {"group": "party"}).content.decode()
    assert ">Ukip</a>" in html and "No party known" in html


def test_the_balance_filters_by_date_and_refuses_a_backward_range(client, editor, checks):  # noqa: F811
    client.force_login(editor)
    html = client.get(URL, {"date_from": "2026-11-01", "date_to": "2026-11-30"}).content.decode()
    assert 'id="cdb-balance-total">2<' in html and "Donald Trump" not in html
    html = client.get(URL, {"date_from": "2026-12-01", "date_to": "2026-11-01"}).content.decode()
    assert "The first date comes after the second." in html and "cdb-balance-total" not in html
    assert client.get(URL, {"group": "colour"}).status_code == 200  # a form error, not a 500


def test_the_balance_as_csv(client, editor, checks):  # noqa: F811
    Person.objects.filter(pk=checks["farage"].pk).update(name="=HYPERLINK(\"x\")\x0b Farage")
    client.force_login(editor)
    r = client.get(URL, {"group": "speaker", "date_from": "2026-10-01", "format": "csv"})
    assert r["Content-Type"].startswith("text/csv") and "balance-by-speaker.csv" in r["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(r.streaming_content).decode())))
    assert sum(int(x["checks"]) for x in rows) == 5
    first = rows[0]
    # formula-safe and XML-safe cells, as every CSV export's
    assert first["name"] == "'=HYPERLINK(\"x\")\n Farage" and first["month"] == "2026-10" and first["verdict"] == "false"
    html = client.get(URL, {"group": "party"}).content.decode()
    assert "format=csv" in html and "group=party" in html[html.index('id="cdb-balance-csv"') - 200:]


def test_drafts_are_not_counted_and_staff_only(client, editor, checks):  # noqa: F811
    client.logout()
    assert client.get(URL).status_code == 302  # the login
    client.force_login(editor)
    drafts = Claim.objects.filter(status=Claim.Status.IN_REVIEW).exclude(verdict="").count()
    assert drafts == 1
    assert 'id="cdb-balance-total">5<' in client.get(URL).content.decode()
