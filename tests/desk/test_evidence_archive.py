"""Evidence that lasts (issue 27, "what a desk needs next" 3): each evidence link archived after the
commit that added it, through the safe fetcher; a fallback note when a site refuses; a rot check;
"archived copy" on the public page, served so that nothing stored runs."""
import gzip
import hashlib

import pytest
from django.core.management import call_command

from articles.models import Claim, EvidenceArchive, EvidenceLink
from articles.selectors import archives
from articles.services import evidence, review
from tests.desk.receiver import serve

pytestmark = pytest.mark.django_db
HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = b"<html><body><h1>Budget 2016</h1><script>document.title='ran'</script><p>Up 2%.</p></body></html>"


@pytest.fixture
def local(settings):
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = True  # the test server is on 127.0.0.1
    settings.CLAIMSDB_ARCHIVE_EVIDENCE = True


@pytest.fixture
def published(imported_seed, editor):
    claim = Claim.objects.filter(article=imported_seed).order_by("id").first()
    review.apply_review(claim, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.FALSE, rationale="r")
    claim.refresh_from_db()
    return claim


def add_evidence(claim, user, url, django_capture_on_commit_callbacks, **correction):
    old = list(claim.evidence.values_list("url", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        EvidenceLink.objects.create(claim=claim, url=url, title="Source")
        review.evidence_changed(claim, user, old, review.Correction(**correction) if correction else None)


def test_a_link_is_archived_after_the_commit_with_hash_time_and_status(
        local, imported_seed, editor, django_capture_on_commit_callbacks):
    claim = Claim.objects.filter(article=imported_seed).order_by("id")[1]
    with serve({"/budget": (200, HTML, PAGE)}) as (base, _):
        old = list(claim.evidence.values_list("url", flat=True))
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            EvidenceLink.objects.create(claim=claim, url=f"{base}/budget")
            review.evidence_changed(claim, editor, old)
        assert not EvidenceArchive.objects.exists()  # nothing fetched inside the editor's transaction
        assert callbacks
        for callback in callbacks:
            callback()
    row = EvidenceArchive.objects.get(url=f"{base}/budget")
    assert row.has_copy and row.http_status == 200 and row.content_type == "text/html"
    assert row.sha256 == hashlib.sha256(PAGE).hexdigest() and row.size == len(PAGE)
    assert gzip.decompress(bytes(row.body_gz)) == PAGE and archives.copy_of(row) == PAGE
    assert row.fetched_at is not None and row.note == ""


def test_a_refusing_site_leaves_a_note_and_the_rot_check_takes_the_copy_later(
        local, imported_seed, editor, django_capture_on_commit_callbacks):
    claim = Claim.objects.filter(article=imported_seed).order_by("id")[1]
    routes = {"/paywall": (403, HTML, b"no robots")}
    with serve(routes) as (base, _):
        add_evidence(claim, editor, f"{base}/paywall", django_capture_on_commit_callbacks)
        row = EvidenceArchive.objects.get()
        assert not row.has_copy and row.http_status == 403
        assert "HTTP 403" in row.note and "web.archive.org" in row.note
        routes["/paywall"] = (200, HTML, PAGE)
        assert evidence.check_links(days=0) == {"archived": 0, "checked": 1, "ok": 1, "broken": 0}
        row.refresh_from_db()
        assert row.has_copy and row.check_status == 200 and row.note == ""
        routes["/paywall"] = (404, HTML, b"gone")
        call_command("check_evidence_links", "--days", "0", verbosity=0)
        row.refresh_from_db()
        assert row.check_status == 404 and "HTTP 404" in row.check_error and row.has_copy  # the copy is kept
        assert evidence.check_links() == {"archived": 0, "checked": 0, "ok": 0, "broken": 0}  # checked just now


def test_the_rot_check_archives_links_never_archived(local, imported_seed):
    claim = Claim.objects.filter(article=imported_seed).order_by("id")[1]
    with serve({"/old": (200, {"Content-Type": "text/plain"}, b"plain")}) as (base, _):
        EvidenceLink.objects.create(claim=claim, url=f"{base}/old")  # e.g. added before archiving existed
        assert evidence.check_links()["archived"] == 1
    assert EvidenceArchive.objects.get().content_type == "text/plain"


def test_private_addresses_stay_refused_without_the_setting(imported_seed, settings):
    settings.CLAIMSDB_FETCH_ALLOW_PRIVATE = False
    row = evidence.archive("http://127.0.0.1:8241/x")
    assert not row.has_copy and "refused" in row.note


def test_the_public_page_links_a_sandboxed_copy_of_published_evidence_only(
        local, published, editor, client, django_capture_on_commit_callbacks):
    with serve({"/budget": (200, HTML, PAGE), "/no": (403, HTML, b"")}) as (base, _):
        add_evidence(published, editor, f"{base}/budget", django_capture_on_commit_callbacks,
                     kind="update", reason="A source added.")
        add_evidence(published, editor, f"{base}/no", django_capture_on_commit_callbacks,
                     kind="update", reason="Another source.")
    row = EvidenceArchive.objects.get(url=f"{base}/budget")
    page = client.get(f"/factchecks/{published.pk}/").content.decode()
    assert f'href="/factchecks/evidence/{row.pk}/copy/"' in page and "archived copy" in page
    assert "no copy could be kept" in page and "web.archive.org/web/*/" + f"{base}/no" in page
    r = client.get(f"/factchecks/evidence/{row.pk}/copy/")
    assert r.status_code == 200 and r.content == PAGE
    csp = r["Content-Security-Policy"]
    assert csp.startswith("sandbox;") and "script-src" not in csp and "default-src 'none'" in csp
    assert r["X-Content-Type-Options"] == "nosniff"
    assert client.post(f"/factchecks/evidence/{row.pk}/copy/").status_code == 405
    # A draft's evidence: no copy for the public.
    review.apply_review(published, editor, status=Claim.Status.IN_REVIEW)
    assert client.get(f"/factchecks/evidence/{row.pk}/copy/").status_code == 404


def test_text_is_served_as_plain_text_and_pdfs_as_downloads(local, published, client):
    with serve({"/data.json": (200, {"Content-Type": "application/json"}, b'{"<script>": 1}'),
                "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 ...")}) as (base, _):
        for path in ("/data.json", "/report.pdf"):
            EvidenceLink.objects.create(claim=published, url=base + path)
            evidence.archive(base + path)
    json_copy = EvidenceArchive.objects.get(url=f"{base}/data.json")
    r = client.get(f"/factchecks/evidence/{json_copy.pk}/copy/")
    assert r["Content-Type"].startswith("text/plain") and r.content == b'{"<script>": 1}'
    pdf = EvidenceArchive.objects.get(url=f"{base}/report.pdf")
    r = client.get(f"/factchecks/evidence/{pdf.pk}/copy/")
    assert r["Content-Type"] == "application/pdf" and r["Content-Disposition"].startswith("attachment")


def test_archiving_can_be_left_to_the_rot_check(imported_seed, editor, settings, django_capture_on_commit_callbacks):
    settings.CLAIMSDB_ARCHIVE_EVIDENCE = False  # e.g. a newsroom without outbound access from the web server
    claim = Claim.objects.filter(article=imported_seed).order_by("id")[1]
    add_evidence(claim, editor, "http://127.0.0.1:8243/x", django_capture_on_commit_callbacks)
    assert not EvidenceArchive.objects.exists()
