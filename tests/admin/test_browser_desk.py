"""The desk, "my queue", a safe merge and its undo, and publishing a check, in Debian's Chromium.

Screenshots (1400 px and phone width) go to test-artifacts/.
"""
import re

import pytest

from articles.models import Claim, MergeRecord, Person
from articles.services import review
from tests.admin.test_browser import ARTIFACTS, browser, login, site  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1400, "height": 1000}


def shot(page, name, viewport):
    page.set_viewport_size(viewport)
    suffix = "phone" if viewport["width"] < 600 else "1400"
    page.screenshot(path=str(ARTIFACTS / f"{name}-{suffix}.png"), full_page=True)


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_desk_and_my_queue(browser, site):  # noqa: F811
    from django.contrib.auth.models import User

    editor = User.objects.get(username="editor")
    mine = list(Claim.objects.order_by("id")[:4])
    for c in mine:
        review.assign(c, editor, editor)
    page = browser.new_page(viewport=WIDE)
    login(page, site, "editor")
    page.goto(f"{site}/admin/")
    assert "Your queue" in page.inner_text("#desk")
    shot(page, "desk", WIDE)
    shot(page, "desk", PHONE)
    page.set_viewport_size(WIDE)
    page.click("#desk a.figure:has-text('Assigned to me')")
    page.wait_for_url("**assigned=me**")
    ids = {int(m) for m in re.findall(r"/claim/(\d+)/change/", page.inner_html("#result_list tbody"))}
    assert ids == {c.pk for c in mine}

    page.goto(f"{site}/admin/articles/claim/")
    heights = page.eval_on_selector_all("#result_list tbody tr", "rows => rows.map(r => r.getBoundingClientRect().height)")
    assert len(heights) >= 40 and max(heights) < 60, max(heights)  # at most two lines a claim
    # Two lines of a long claim's excerpt, enough to triage (issue 27): clipped after the second.
    lines = page.eval_on_selector_all("#result_list th.field-excerpt span", """spans => spans.map(s =>
        Math.round(s.getBoundingClientRect().height / parseFloat(getComputedStyle(s).lineHeight)))""")
    assert max(lines) == 2 and min(lines) >= 1, lines
    assert no_horizontal_scroll(page)
    # every column visible: the results table does not scroll sideways inside its box either
    assert page.evaluate("(r => r.scrollWidth <= r.clientWidth)(document.querySelector('#changelist .results'))")
    title = page.get_attribute("#result_list th.field-excerpt span", "title")
    assert title and len(title) > 20  # the whole claim on hover
    shot(page, "claims-list", WIDE)
    shot(page, "claims-list", PHONE)
    page.close()


def test_merge_default_and_undo(browser, site):  # noqa: F811
    real = sorted(Person.objects.all(), key=lambda p: -p.claims.count())[0]
    bogus = Person.objects.create(name="House Speaker", key="house speaker")
    page = browser.new_page(viewport=WIDE)
    login(page, site, "editor")
    page.goto(f"{site}/admin/articles/person/")
    page.check(f"input[name=_selected_action][value='{real.pk}']")
    page.check(f"input[name=_selected_action][value='{bogus.pk}']")
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    assert page.is_checked(f"#keep-{real.pk}")  # the record with the claims, not the alphabetical first
    assert "claims" in page.inner_text(".cdb-moves >> nth=0")
    page.screenshot(path=str(ARTIFACTS / "merge-page-1400.png"), full_page=True)
    page.click("input[value=Merge]")
    page.wait_for_selector(".messagelist .success")
    assert not Person.objects.filter(pk=bogus.pk).exists()
    page.goto(f"{site}/admin/articles/person/{real.pk}/change/")
    assert "House Speaker" in page.inner_text(".field-merge_history")
    page.click(".field-merge_history button:has-text('Undo')")
    page.wait_for_selector(".messagelist .success")
    assert Person.objects.get(pk=bogus.pk).name == "House Speaker"
    assert MergeRecord.objects.get().undone_at is not None
    page.close()


def test_publish_a_check_and_open_its_public_page(browser, site):  # noqa: F811
    """The publish step (issue 27): a preview of the public page and its ClaimReview, warnings for
    what is missing, and publication only on confirmation."""
    claim = Claim.objects.get(text__contains="only 20 per cent of the Nato budget")
    page = browser.new_page(viewport=WIDE)
    login(page, site, "editor")
    page.goto(f"{site}/admin/articles/claim/{claim.pk}/change/")
    assert no_horizontal_scroll(page)
    assert "checked" not in page.eval_on_selector_all("#id_status option", "os => os.map(o => o.value)")
    page.select_option("#id_verdict", "mostly_false")
    page.fill("#id_claim_reviewed", "When the UK leaves the EU, only 20 per cent of the Nato budget will be paid by EU countries")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    page.click("#cdb-publish")
    page.wait_for_selector("#cdb-preview")
    warnings = page.inner_text(".cdb-warnings")
    assert "characters long" in warnings and "rationale is empty" in warnings and "No evidence" in warnings
    assert "Mostly false" in page.inner_text("#cdb-preview")
    assert '"@type": "ClaimReview"' in page.inner_text("#cdb-claimreview")
    shot(page, "publish-step", WIDE)
    assert no_horizontal_scroll(page)
    shot(page, "publish-step", PHONE)
    page.set_viewport_size(WIDE)
    assert not Claim.objects.get(pk=claim.pk).is_published  # the preview publishes nothing
    page.click("a.cancel-link")
    page.fill("#id_claim_reviewed", "Europe pays only 20% of Nato's budget")
    page.fill("#id_rationale", "Nato's own figures put the European share higher.")
    page.fill("#id_evidence-0-url", "https://www.nato.int/cps/en/natohq/topics_67655.htm")
    page.fill("#id_evidence-0-title", "Funding NATO")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert "Funding NATO" in page.inner_text(".field-evidence_summary")
    page.click("#cdb-publish")
    page.wait_for_selector("#cdb-preview")
    assert page.locator(".cdb-warnings li").count() <= 1  # at most the article's missing source URL
    page.click("#cdb-publish-confirm")
    page.wait_for_selector(".messagelist .success")
    assert Claim.objects.get(pk=claim.pk).is_published
    shot(page, "claim-page", WIDE)
    assert no_horizontal_scroll(page)
    shot(page, "claim-page", PHONE)
    page.close()
    public_page_of(browser, site, claim)


def public_page_of(browser, site, claim):  # noqa: F811
    public = browser.new_page(viewport=WIDE)  # no login
    public.goto(f"{site}/factchecks/{claim.pk}/")
    assert public.inner_text("h1") == "Europe pays only 20% of Nato's budget"
    assert "Mostly false" in public.inner_text("main")
    ld = public.eval_on_selector("script[type='application/ld+json']", "s => JSON.parse(s.textContent)")
    assert ld["claimReviewed"] == "Europe pays only 20% of Nato's budget" and ld["url"].endswith(f"/factchecks/{claim.pk}/")
    shot(public, "public-factcheck", WIDE)
    shot(public, "public-factcheck", PHONE)
    assert no_horizontal_scroll(public)
    public.goto(f"{site}/factchecks/")
    assert "Europe pays only 20%" in public.inner_text("main")
    other = Claim.objects.exclude(pk=claim.pk).first()
    assert public.goto(f"{site}/factchecks/{other.pk}/").status == 404
    public.close()
