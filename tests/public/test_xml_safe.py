"""Audit 3, D01: one control character in a published check (a vertical tab pasted from Word into a
rationale, a \\x01 in an article's quote) took the RSS and Atom feeds down for everyone. Characters
XML 1.0 cannot carry are replaced wherever text leaves the product: feeds, ClaimReview JSON-LD, CSV."""
import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import Claim
from articles.selectors.outward import xml_safe, xml_safe_data

pytestmark = pytest.mark.django_db


def seed(folder, name, body):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"Headline of {name}\n\n3 March 2016\n\n{body}\n\n- The Example\n", encoding="utf-8")
    call_command("import_seeds", str(folder), verbosity=0)


@pytest.fixture
def api_editor(api, editor):
    api.force_authenticate(editor)
    return api


def test_xml_safe_replaces_only_what_xml_forbids():
    assert xml_safe("plain text, tab\tnew line\ncarriage\r — “quotes” é 😀") == \
        "plain text, tab\tnew line\ncarriage\r — “quotes” é 😀"
    assert xml_safe("Police figures show\vthe opposite.\f") == "Police figures show\nthe opposite.\n"
    assert xml_safe("lists\x01by half\x00\x1f") == "lists by half  "
    assert xml_safe("lone \ud800 surrogate \ufffe \uffff") == "lone \ufffd surrogate \ufffd \ufffd"
    assert xml_safe_data({"a": ["x\x02", ("y\x03", 1)], "b": None}) == {"a": ["x ", ("y ", 1)], "b": None}


def test_a_control_character_in_a_quote_or_a_rationale_keeps_the_feeds_up(api_editor, tmp_path):
    # (a) a seed article whose quote holds \x01, checked by an editor
    seed(tmp_path / "in", "ff.txt", 'The minister said the plan would "cut waiting lists\x01by half within a year".')
    c = Claim.objects.get(text__contains="\x01")
    r = api_editor.patch(f"/api/v1/claims/{c.pk}/", {"status": "checked", "verdict": "false"}, format="json")
    assert r.status_code == 200, r.content
    # (b) a rationale pasted with a vertical tab, on another claim
    seed(tmp_path / "in2", "vt.txt", 'The mayor said "crime fell by forty per cent last year in every borough".')
    c2 = Claim.objects.get(text__contains="crime")
    r = api_editor.patch(f"/api/v1/claims/{c2.pk}/", {"status": "checked", "verdict": "false",
                                                     "rationale": "Police figures show\u000bthe opposite."},
                         format="json")
    assert r.status_code == 200, r.content
    anon = Client(raise_request_exception=False)
    for url in ("/factchecks/", f"/factchecks/{c.pk}/", f"/factchecks/{c2.pk}/"):
        assert anon.get(url).status_code == 200, url
    for url in ("/factchecks/feed/rss/", "/factchecks/feed/atom/"):
        r = anon.get(url)
        assert r.status_code == 200, url
        text = r.content.decode()
        ET.fromstring(r.content)  # well-formed XML
        assert "\x01" not in text and "\x0b" not in text
        assert "cut waiting lists by half" in text and "Police figures show\nthe opposite." in text
    # The stored text keeps what the article and the editor had.
    c2.refresh_from_db()
    assert c2.rationale == "Police figures show\u000bthe opposite."


def test_claimreview_and_csv_carry_no_control_characters(api_editor, tmp_path):
    seed(tmp_path / "in", "ff.txt", 'The minister said the plan would "cut waiting lists\x01by half within a year".')
    c = Claim.objects.get(text__contains="\x01")
    api_editor.patch(f"/api/v1/claims/{c.pk}/", {"status": "checked", "verdict": "false",
                                                 "rationale": "=HYPERLINK(1)\x02 and\vmore"}, format="json")
    review = Client().get(f"/api/v1/claims/{c.pk}/claimreview/").json()
    dumped = json.dumps(review, ensure_ascii=False)
    assert "\\u0001" not in dumped and "\\u000b" not in dumped and "\\u0002" not in dumped
    assert review["reviewBody"] == "=HYPERLINK(1)  and\nmore"
    page = Client().get(f"/factchecks/{c.pk}/").content.decode()
    assert "\\u0001" not in page.split('application/ld+json">')[1].split("</script>")[0]
    rows = list(csv.DictReader(io.StringIO(b"".join(Client().get("/api/v1/claims/?format=csv")
                                                   .streaming_content).decode())))
    (row,) = [r for r in rows if r["id"] == str(c.pk)]
    assert row["text"] == c.text.replace("\x01", " ") and row["rationale"] == "'=HYPERLINK(1)  and\nmore"  # and no formula
    assert not any(ch in "".join(r.values()) for r in rows for ch in "\x01\x02\x0b")
