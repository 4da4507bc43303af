"""A correction made in the admin and shown on the public page; a webhook delivered to a local
HTTP receiver with a signature the test verifies (issue 27), in Debian's Chromium."""
import hashlib
import hmac
import json

import pytest

from articles.models import Claim, ClaimCorrection, Webhook, WebhookDelivery
from articles.services import review
from tests.admin.test_browser import ARTIFACTS, browser, login, site  # noqa: F401  (fixtures)
from tests.conftest import make_user
from tests.desk.receiver import serve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
WIDE = {"width": 1400, "height": 1000}


def test_a_correction_made_in_the_admin_is_shown_on_the_public_page(browser, site):  # noqa: F811
    from django.contrib.auth.models import User

    editor = User.objects.get(username="editor")
    claim = Claim.objects.filter(kind="quote").order_by("id").first()
    review.apply_review(claim, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.MOSTLY_TRUE,
                        rationale="The polls agreed at the time.")
    page = browser.new_page(viewport=WIDE)
    login(page, site, "editor")
    page.goto(f"{site}/admin/articles/claim/{claim.pk}/change/")
    page.select_option("#id_verdict", "false")
    page.fill("#id_rationale", "The final count says otherwise.")
    page.click("input[name=_continue]")  # no kind, no reason: refused, nothing saved
    page.wait_for_selector(".errorlist")
    assert "goes on the record" in page.inner_text(".field-correction_reason")
    assert Claim.objects.get(pk=claim.pk).verdict == "mostly_true"
    page.check("input[name=correction_kind][value=correction]")
    page.fill("#id_correction_reason", "We read the exit poll, not the final count.")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    c = ClaimCorrection.objects.get(claim=claim)
    assert (c.kind, c.fields) == ("correction", ["verdict", "rationale"])
    assert "We read the exit poll" in page.inner_text(".field-corrections_display")

    page.goto(f"{site}/factchecks/{claim.pk}/")
    text = page.inner_text("section.corrections")
    assert f"Corrected on {c.at.day} {c.at:%B %Y}: We read the exit poll, not the final count." in text
    assert page.inner_text(".verdict >> nth=0").strip().lower() == "false"
    ld = json.loads(page.eval_on_selector("script[type='application/ld+json']", "s => s.textContent"))
    assert ld["dateModified"] == c.at.date().isoformat()
    page.screenshot(path=str(ARTIFACTS / "correction-public-1400.png"), full_page=True)
    page.click("a:has-text('Our corrections')")
    page.wait_for_url("**/factchecks/corrections/")
    assert "We read the exit poll" in page.inner_text("main")
    page.close()


def test_a_webhook_is_delivered_to_a_local_receiver_with_a_valid_signature(browser, site, settings):  # noqa: F811
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = True  # the receiver is on 127.0.0.1
    make_user("boss", is_staff=True, is_superuser=True)
    claim = Claim.objects.order_by("id").first()
    with serve() as (base, server):
        page = browser.new_page(viewport=WIDE)
        login(page, site, "boss")
        page.goto(f"{site}/admin/articles/webhook/add/")
        page.fill("#id_name", "Desk channel")
        page.fill("#id_url", f"{base}/hooks/desk")
        page.check("input[name=events][value='claim.assigned']")
        secret = page.input_value("#id_secret")
        assert len(secret) == 64  # a fresh random secret is offered
        page.click("input[name=_save]")
        page.wait_for_selector(".messagelist .success")
        assert Webhook.objects.get().events == ["claim.assigned"]

        page.goto(f"{site}/admin/articles/claim/{claim.pk}/change/")
        page.click("#cdb-assign-me")
        page.wait_for_selector(".messagelist .success")
        (path, headers, body), = server.posts
    assert path == "/hooks/desk"
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-ClaimsDB-Signature"], expected)
    data = json.loads(body)
    assert data["event"] == "claim.assigned" and data["claim"]["id"] == claim.pk and data["assignee"] == "boss"
    assert str(data["timestamp"]) == headers["X-ClaimsDB-Timestamp"]
    d = WebhookDelivery.objects.get()
    assert (d.state, d.status_code, d.attempts) == ("delivered", 200, 1)
    page.goto(f"{site}/admin/articles/webhookdelivery/")
    assert "Delivered" in page.inner_text("#result_list")
    page.close()
