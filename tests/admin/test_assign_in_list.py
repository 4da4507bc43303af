""" "Assign to me" as one click in the claims list (issue 27, triage): a button on each open claim
nobody has, posting the version the list showed, back to the list as it was."""
import re

import pytest

from articles.models import Claim, ReviewEvent
from articles.services import review

pytestmark = pytest.mark.django_db
LIST = "/admin/articles/claim/"


def buttons(html):
    return {int(pk): int(v) for pk, v in re.findall(
        r'formaction="/admin/articles/claim/(\d+)/assign-to-me/\?from=list" name="version"\s+value="(\d+)"', html)}


def test_each_open_unassigned_claim_has_the_button_and_viewers_see_names(client, imported_seed, editor, viewer):
    first, second = Claim.objects.order_by("id")[:2]
    review.assign(first, editor, editor)
    client.force_login(editor)
    shown = buttons(client.get(LIST).content.decode())
    assert second.pk in shown and first.pk not in shown  # assigned already: the name instead
    assert shown[second.pk] == second.version
    client.force_login(viewer)
    html = client.get(LIST).content.decode()
    assert not buttons(html) and "editor" in html


def test_one_click_assigns_and_returns_to_the_filtered_list(client, imported_seed, editor):
    claim = Claim.objects.filter(kind="quote").order_by("id").first()
    client.force_login(editor)
    listed = f"http://testserver{LIST}?kind=quote&p=1"
    version = buttons(client.get(LIST, {"kind": "quote"}).content.decode())[claim.pk]
    r = client.post(f"/admin/articles/claim/{claim.pk}/assign-to-me/?from=list", {"version": version},
                    HTTP_REFERER=listed)
    assert r.status_code == 302 and r["Location"] == listed
    claim.refresh_from_db()
    assert claim.assignee == editor
    assert ReviewEvent.objects.filter(claim=claim).get().changes == {"assignee": ["", "editor"]}


def test_a_stale_list_or_a_foreign_referer_takes_nothing_and_stays_home(client, imported_seed, editor):
    from tests.conftest import make_user

    claim = Claim.objects.order_by("id").first()
    seen = claim.version
    other = make_user("other", "Editors", is_staff=True)
    review.assign(claim, other, other)  # meanwhile
    client.force_login(editor)
    r = client.post(f"/admin/articles/claim/{claim.pk}/assign-to-me/?from=list", {"version": seen},
                    HTTP_REFERER="https://evil.example/admin/articles/claim/")
    assert r.status_code == 302 and r["Location"] == LIST
    claim.refresh_from_db()
    assert claim.assignee == other
