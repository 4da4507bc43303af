"""The editors' workflow in a real browser: Debian's Chromium driven by Playwright.

Screenshots go to test-artifacts/ (ignored by git).
"""
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Claim, ClaimLink, Person, ReviewEvent
from tests.conftest import ROOT, SEED, make_user

# serialized_rollback: the live server needs committed data, and the groups from migrations back after each test.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (scripts/test.sh installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread for as long as the browser lives; the
    # tests' own ORM calls (and the database teardown) are synchronous.
    env = pytest.MonkeyPatch()
    env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()
    env.undo()


@pytest.fixture
def site(live_server, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    call_command("import_seeds", str(seeds), verbosity=0)
    make_user("editor", "Editors", is_staff=True)
    make_user("viewer", "Viewers", is_staff=True)
    ARTIFACTS.mkdir(exist_ok=True)
    return live_server.url


def login(page, url, username):
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def pick_autocomplete(page, container, text):
    """Choose an option in a select2 autocomplete widget by typing."""
    container.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_editor_workflow(browser, site):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    login(page, site, "editor")

    # Find Mr Trump's quotes: search by an alias, then filter on direct quotes.
    page.goto(f"{site}/admin/articles/claim/")
    page.fill("#searchbar", "Mr Trump")
    page.press("#searchbar", "Enter")
    page.wait_for_url("**q=Mr+Trump**")
    page.click("#changelist-filter a[href*='kind=quote']")
    page.wait_for_url("**kind=quote**")
    page.click("#changelist-filter a:has-text('Donald Trump')")
    page.wait_for_url("**speaker=**")
    page.wait_for_selector("#result_list")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() >= 2
    assert all(t == "Donald Trump" for t in page.locator("#result_list td.field-speaker_name").all_inner_texts())

    # Give one a verdict, a rationale and an evidence link.
    page.click("#result_list >> text=This will prove to be a great time")
    page.select_option("#id_verdict", "mostly_false")
    page.select_option("#id_status", "in_review")
    page.fill("#id_rationale", "Unity did not follow; see the polling.")
    page.fill("#id_evidence-0-url", "https://example.org/polls")
    page.fill("#id_evidence-0-title", "Polling after the election")
    # Link it to another quote as "contradicts".
    page.select_option("#id_links_out-0-relation", "contradicts")
    pick_autocomplete(page, page.locator("#links_out-0"), "opposite view of many people")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    # Publishing is a step of its own: a preview, then a confirmation.
    page.click("#cdb-publish")
    page.click("#cdb-publish-confirm")
    page.wait_for_selector(".messagelist .success")

    claim = Claim.objects.get(text__contains="This will prove to be a great time")
    other = Claim.objects.get(text__contains="opposite view of many people")
    assert (claim.verdict, claim.status, claim.reviewer.username) == ("mostly_false", "checked", "editor")
    assert claim.evidence.get().title == "Polling after the election"
    assert ClaimLink.objects.filter(source=claim, target=other, relation="contradicts").exists()

    # The history on the page shows each change.
    history = page.locator(".field-history").inner_text()
    for what in ("verdict", "status", "rationale", "evidence", "link"):
        assert what in history, (what, history)
    page.screenshot(path=str(ARTIFACTS / "claim-change.png"), full_page=True)

    # The link shows from the other end too.
    page.goto(f"{site}/admin/articles/claim/{other.pk}/change/")
    assert "contradicted by" in page.locator(".field-all_links").inner_text()

    # Merge two people: a duplicate of Marie Le Pen.
    dup = Person.objects.create(name="Marine Le Pen", key="marine le pen")
    keep = Person.objects.get(name="Marie Le Pen")
    page.goto(f"{site}/admin/articles/person/?q=Le%20Pen")
    page.check(f"input[name=_selected_action][value='{keep.pk}']")
    page.check(f"input[name=_selected_action][value='{dup.pk}']")
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    page.check(f"#keep-{keep.pk}")
    page.click("input[value=Merge]")
    page.wait_for_selector(".messagelist .success")
    assert not Person.objects.filter(pk=dup.pk).exists()
    assert "Marine Le Pen" in keep.aliases.values_list("name", flat=True)

    # The article page: every claim and statistic highlighted, linking to its record.
    page.goto(f"{site}/admin/articles/article/{claim.article_id}/change/")
    assert page.locator(".cdb-text mark.cdb-quote").count() >= 10
    assert page.locator(".cdb-text mark.cdb-stat").count() >= 7
    page.screenshot(path=str(ARTIFACTS / "article-change.png"), full_page=True)
    # One event for the form save (verdict, status, rationale), one for the evidence, one for the link,
    # one for the publication.
    assert ReviewEvent.objects.filter(claim=claim).count() == 4
    page.close()


def test_viewer_cannot_save(browser, site):
    page = browser.new_page()
    login(page, site, "viewer")
    claim = Claim.objects.first()
    page.goto(f"{site}/admin/articles/claim/{claim.pk}/change/")
    assert page.locator("input[name=_save]").count() == 0
    assert page.locator("#id_verdict").count() == 0  # shown read-only
    # A forged save is refused.
    token = page.context.cookies()
    csrf = next(c["value"] for c in token if c["name"] == "csrftoken")
    r = page.request.post(f"{site}/admin/articles/claim/{claim.pk}/change/",
                          form={"csrfmiddlewaretoken": csrf, "verdict": "false", "status": "checked"},
                          headers={"Referer": f"{site}/admin/"})
    assert r.status == 403
    claim.refresh_from_db()
    assert claim.verdict == ""
    page.screenshot(path=str(ARTIFACTS / "claim-viewer.png"), full_page=True)
    page.close()
