"""A Content-Security-Policy on every page (django-csp): scripts from this site only; the public
pages also refuse any inline style but their own nonce'd block; JSON-LD (data, not script) stays."""
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Claim
from articles.services import review
from tests.conftest import SEED, make_user


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in header.split(";") if d.strip()}


def inline_scripts(html: str) -> list[str]:
    """<script> tags without src whose type makes a browser run them."""
    tags = re.findall(r"<script\b([^>]*)>", html)
    return [t for t in tags if "src=" not in t and not re.search(r'type="application/(ld\+)?json"', t)]


@pytest.fixture
def published_check(imported_seed, editor):
    c = Claim.objects.filter(kind="quote").first()
    review.apply_review(c, editor, status="checked", verdict="false", rationale="</script><script>alert(1)</script>")
    return c


def test_public_pages_have_a_strict_policy(client, published_check):
    for url in ("/factchecks/", f"/factchecks/{published_check.pk}/"):
        r = client.get(url)
        p = policy(r)
        assert p["script-src"] == ["'self'"] and p["object-src"] == ["'none'"] and p["base-uri"] == ["'none'"]
        assert p["frame-ancestors"] == ["'none'"]
        nonce = re.search(r"'nonce-([^']+)'", " ".join(p["style-src"])).group(1)
        html = r.content.decode()
        assert f'<style nonce="{nonce}">' in html and "'unsafe-inline'" not in p["style-src"]
        assert inline_scripts(html) == []
    # The ClaimReview JSON-LD is a data block, which script-src does not govern.
    html = client.get(f"/factchecks/{published_check.pk}/").content.decode()
    assert '<script type="application/ld+json">' in html


def test_admin_and_api_docs_run_no_inline_script(client, db):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    for url in ("/admin/", "/admin/articles/claim/", "/api/v1/docs/"):
        r = client.get(url)
        assert r.status_code == 200 and policy(r)["script-src"] == ["'self'"], url
        assert inline_scripts(r.content.decode()) == [], url
    # The Swagger UI's start-up script is served from a URL of this site.
    r = client.get("/api/v1/docs/?script=")
    assert r.status_code == 200 and b"SwaggerUIBundle" in r.content


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_policy_violation_in_a_real_browser(live_server, tmp_path, monkeypatch):
    """Chromium reports every blocked script or style: the public pages, the admin and Swagger UI
    render without one, and Swagger UI still loads the schema."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (scripts/test.sh installs it)")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    call_command("import_seeds", str(seeds), verbosity=0)
    root = make_user("root", is_staff=True, is_superuser=True)
    c = Claim.objects.filter(kind="quote").first()
    review.apply_review(c, root, status="checked", verdict="false", rationale="Wrong.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        violations = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "root")
        page.fill("#id_password", "pw-root")
        page.click("input[type=submit]")
        page.wait_for_selector("#site-name")
        for path in ("/factchecks/", f"/factchecks/{c.pk}/", "/admin/", "/admin/articles/claim/",
                     f"/admin/articles/claim/{c.pk}/change/"):
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
        page.goto(f"{live_server.url}/api/v1/docs/")
        page.wait_for_selector(".opblock", timeout=20_000)  # the operations, read from the schema
        browser.close()
    assert violations == []
