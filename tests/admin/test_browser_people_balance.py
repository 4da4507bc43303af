""" "Assign to me" in one click (claim page and list), a person's page with where they are
mentioned, "Not a person…" for several records at once, and the balance view with its CSV, in
Debian's Chromium (issue 27). Screenshots (1400 px and phone width) go to test-artifacts/;
scripts/screenshots.py copies them to docs/screenshots/."""
import csv
import io
from datetime import UTC, datetime

import pytest

from articles.models import Claim, Person, RejectedName
from articles.services import review
from tests.admin.test_browser import ARTIFACTS, browser, login, site  # noqa: F401  (fixtures)
from tests.admin.test_browser_desk import PHONE, WIDE, no_horizontal_scroll, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_assign_to_me_is_one_click_on_the_claim_page_and_in_the_list(browser, site):  # noqa: F811
    from django.contrib.auth.models import User

    editor = User.objects.get(username="editor")
    first, second = Claim.objects.filter(kind="quote").order_by("id")[:2]
    page = browser.new_page(viewport=WIDE)
    login(page, site, "editor")
    page.goto(f"{site}/admin/articles/claim/{first.pk}/change/")
    page.click("#cdb-assign-me")
    page.wait_for_selector(".messagelist .success")
    assert Claim.objects.get(pk=first.pk).assignee == editor
    assert page.locator("#cdb-assign-me").count() == 0  # assigned: no button

    page.goto(f"{site}/admin/articles/claim/?kind=quote")
    row = page.locator("#result_list tbody tr", has=page.locator(f"a[href*='/claim/{second.pk}/change/']"))
    assert row.locator(".field-assignee_or_assign").inner_text().strip() == "Assign to me"
    assert page.locator("#result_list tbody tr", has=page.locator(
        f"a[href*='/claim/{first.pk}/change/']")).locator(".field-assignee_or_assign").inner_text().strip() == "editor"
    assert no_horizontal_scroll(page)
    row.locator("button.cdb-assign-me").click()  # one click
    page.wait_for_selector(".messagelist .success")
    assert "kind=quote" in page.url  # back to the list as it was
    assert Claim.objects.get(pk=second.pk).assignee == editor
    assert row.locator(".field-assignee_or_assign").inner_text().strip() == "editor"
    page.close()


def test_a_persons_page_shows_where_they_are_mentioned(browser, site):  # noqa: F811
    from django.contrib.auth.models import User

    trump = Person.objects.get(name="Donald Trump")
    claim = Claim.objects.filter(speaker=trump).order_by("id").first()
    review.apply_review(claim, User.objects.get(username="editor"), verdict="mostly_false",
                        status=Claim.Status.CHECKED)
    page = browser.new_page(viewport=WIDE)
    login(page, site, "editor")
    page.goto(f"{site}/admin/articles/person/{trump.pk}/change/")
    mentions = page.inner_text(".field-mentions")
    assert "article(s)" in mentions and page.locator(".field-mentions mark").count() >= 1
    assert no_horizontal_scroll(page)
    shot(page, "person-page", WIDE)
    shot(page, "person-page", PHONE)
    page.set_viewport_size(WIDE)
    page.click("#cdb-public-page")
    page.wait_for_url(f"**/factchecks/people/{trump.pk}/")
    assert "Fact-checks of Donald Trump" in page.inner_text("h1")
    page.close()


def test_not_a_person_for_several_selected_records(browser, site):  # noqa: F811
    bogus = [Person.objects.create(name=n, key=n.lower()) for n in ("Obama Speech", "Brexit Day", "Project Fear")]
    claim = Claim.objects.order_by("id").first()
    Claim.objects.filter(pk=claim.pk).update(speaker=bogus[0])
    page = browser.new_page(viewport=WIDE)
    login(page, site, "editor")
    page.goto(f"{site}/admin/articles/person/")
    for p in bogus:
        page.check(f"input[name=_selected_action][value='{p.pk}']")
    page.select_option("select[name=action]", "not_a_selected")
    page.click("button[name=index]")
    page.wait_for_selector("#cdb-not-a")
    assert page.locator(".cdb-not-a-record").count() == 3
    page.screenshot(path=str(ARTIFACTS / "not-a-person-1400.png"), full_page=True)
    assert Person.objects.filter(pk__in=[p.pk for p in bogus]).count() == 3  # asks first
    page.click("#cdb-not-a input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    assert "3 record(s) removed as not a person" in page.inner_text(".messagelist")
    assert not Person.objects.filter(pk__in=[p.pk for p in bogus]).exists()
    assert RejectedName.objects.filter(kind="person").count() == 3
    assert Claim.objects.get(pk=claim.pk).speaker is None
    page.close()


def test_the_balance_view_from_the_desk_and_its_csv(browser, site):  # noqa: F811
    from django.contrib.auth.models import User

    editor = User.objects.get(username="editor")
    plan = [("Nigel Farage", "false", 10), ("Nigel Farage", "mostly_false", 11), ("Marie Le Pen", "true", 11),
            ("Donald Trump", "false", 12), ("Donald Trump", "mixed", 12), ("Donald Trump", "mostly_true", 11)]
    used = set()
    for name, verdict, month in plan:
        claim = Claim.objects.filter(speaker__name=name).exclude(pk__in=used).order_by("id").first()
        used.add(claim.pk)
        review.apply_review(claim, editor, verdict=verdict, status=Claim.Status.CHECKED)
        Claim.objects.filter(pk=claim.pk).update(reviewed_at=datetime(2026, month, 3, 12, tzinfo=UTC))
    page = browser.new_page(viewport=WIDE)
    login(page, site, "editor")
    page.goto(f"{site}/admin/")
    page.click("#cdb-balance-link")
    page.wait_for_selector("#cdb-balance-verdicts")
    assert page.inner_text("#cdb-balance-total") == "6"
    first = page.locator("#cdb-balance-verdicts tbody tr").first.inner_text()
    assert first.startswith("Donald Trump\t3")
    assert page.locator("#cdb-balance-months thead th").all_inner_texts()[1:] == ["2026-10", "2026-11", "2026-12"]
    assert no_horizontal_scroll(page)
    shot(page, "balance", WIDE)
    shot(page, "balance", PHONE)
    assert no_horizontal_scroll(page)  # the tables scroll in their own box on a phone, not the page
    page.set_viewport_size(WIDE)

    page.select_option("#id_group", "party")
    page.fill("#id_date_from", "2026-11-01")
    page.fill("#id_date_to", "2026-11-30")
    page.click("#cdb-balance-form input[type=submit]")
    page.wait_for_url("**group=party**")
    assert page.inner_text("#cdb-balance-total") == "3"
    names = page.locator("#cdb-balance-verdicts tbody td:first-child").all_inner_texts()
    assert names == ["Front National", "Ukip", "No party known"]
    with page.expect_download() as download:
        page.click("#cdb-balance-csv")
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert {(r["name"], r["month"], r["verdict"], r["checks"]) for r in rows} == {
        ("Front National", "2026-11", "true", "1"), ("Ukip", "2026-11", "mostly_false", "1"),
        ("No party known", "2026-11", "mostly_true", "1")}
    page.close()
