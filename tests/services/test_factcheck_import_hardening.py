"""import_factchecks under bad input, at scale and next to ClaimsDB's own checks (hardening round 3:
D02, D03, D04, D05, D19; issue 29 item 4: batches). Each bad file or record gets its error line; the
rest import; the library's change tracking (updated_at) moves with every write."""
import json
import os
import signal
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, OperationalError, connection
from django.utils import timezone

from articles.matching import claimreview
from articles.models import Article, Claim, FactCheck
from articles.services import factchecks, matching, retry, review
from articles.services.inputs import NOT_REGULAR, OUTSIDE


def rec(i, text=None, host="good.example", **extra):
    return {"@context": "https://schema.org", "@type": "ClaimReview", "url": f"https://{host}/{i}",
            "claimReviewed": text or f"The moon is made of green cheese, claim {i}",
            "reviewRating": {"@type": "Rating", "alternateName": "False"}, "author": {"name": "Good Checks"}, **extra}


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_factchecks", "--no-match", *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code = exc.returncode
        err.write(str(exc))
    return code, out.getvalue(), err.getvalue()


def good_urls():
    return FactCheck.objects.filter(url__startswith="https://good.example/").count()


BAD_FILES = {  # D02: each crashed the whole run with a traceback
    "page.html": ('<!doctype html><html><head><script type="application/ld+json">{"@type": "ClaimReview", oops}'
                  '</script><script type="application/ld+json">' + json.dumps(rec(99)) + "</script></head></html>",
                  "JSON-LD block 1 is not JSON"),
    "deep.json": ("[" * 990 + json.dumps(rec(98)) + "]" * 990, "nested too deeply"),
    "bigint.json": ('[{"@type": "ClaimReview", "url": "https://e.example/n", "claimReviewed": "x is y", "n": '
                    + "9" * 5000 + "}]", "a number of more than 4,300 digits"),
    "google.json": (json.dumps({"claims": [1]}), "expected a JSON object, got int"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_gets_its_error_line_and_the_good_file_imports(tmp_path, name):
    content, reason = BAD_FILES[name]
    (tmp_path / "good.json").write_text(json.dumps([rec(i) for i in range(20)]))
    (tmp_path / name).write_text(content)
    code, out, err = run(tmp_path / "good.json", tmp_path / name)
    assert code == 1 and "Traceback" not in err
    assert f"error: {tmp_path / name}" in err and reason in err
    assert good_urls() == 20 and "20 created" in out


@pytest.mark.django_db
def test_a_broken_json_ld_block_of_something_else_does_not_refuse_the_page(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<html><head><script type="application/ld+json">{"@type": "BreadcrumbList", oops}</script>'
                    f'<script type="application/ld+json">{json.dumps(rec(1))}</script></head><body>x</body></html>')
    code, out, err = run(page)
    assert code == 0, err
    assert good_urls() == 1


@pytest.mark.parametrize("obj, reason", [
    ({"n": float("nan")}, "NaN or Infinity"),
    ({"n": float("inf")}, "NaN or Infinity"),
    ({"claimReviewed": "Inflation\u0000 is zero"}, "NUL character"),
    ({"nul\u0000key": 1}, "NUL character"),
    ({"claimReviewed": "lone \ud800 surrogate"}, "unpaired surrogate"),
    ({"x": json.loads("[" * 40 + "]" * 40)}, "nested more than"),
])
def test_a_record_the_database_could_not_store_is_refused_by_the_parser(obj, reason):
    with pytest.raises(claimreview.BadRecord, match=reason):
        claimreview.review({**rec(1), **obj})
    claimreview.review({**rec(1), "text": "a backslash and u0000 as text: \\u0000"})  # not a NUL


def library_file(path, bad_line, n=999):
    lines = [json.dumps(rec(i)) for i in range(n)]
    path.write_text("\n".join(lines[:500] + [bad_line] + lines[500:]) + "\n")
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("bad", [
    '{"@type": "ClaimReview", "url": "https://bad.example/nan", "claimReviewed": "Inflation is zero", '
    '"reviewRating": {"ratingValue": NaN}}',
    json.dumps({"@type": "ClaimReview", "url": "https://bad.example/nul", "claimReviewed": "Inflation\u0000 is zero"}),
])
def test_one_bad_record_costs_that_record_only_not_its_batch(tmp_path, bad):
    # D03: the 999 good records of the bad record's write batch were all lost.
    f = library_file(tmp_path / "library.jsonl", bad)
    code, out, err = run(f)
    assert code == 1
    assert err.splitlines()[0].startswith(f"error: {f}:501: holds ")
    assert good_urls() == 999 and not FactCheck.objects.filter(url__startswith="https://bad.example/").exists()


@pytest.mark.postgres
@pytest.mark.django_db
def test_one_bad_record_costs_that_record_only_on_postgres(tmp_path):
    if connection.vendor != "postgresql":
        pytest.fail("run with DATABASE_URL set to PostgreSQL (scripts/test.sh does)")
    test_one_bad_record_costs_that_record_only_not_its_batch(
        tmp_path, json.dumps({"@type": "ClaimReview", "url": "https://bad.example/nul", "claimReviewed": "a\u0000b"}))


@pytest.mark.django_db
def test_a_record_the_database_refuses_is_named_and_the_rest_of_its_batch_stored(tmp_path, monkeypatch):
    real = factchecks.store_batch

    def store_batch(records, vectors=None):
        if any(r.url == "https://good.example/7" for _, r in records):
            raise IntegrityError("refused for the test")
        return real(records, vectors)

    monkeypatch.setattr(factchecks, "store_batch", store_batch)
    (tmp_path / "lib.jsonl").write_text("\n".join(json.dumps(rec(i)) for i in range(30)))
    summary = factchecks.import_paths([tmp_path / "lib.jsonl"], batch_size=10)
    assert summary.errors == [f"{tmp_path / 'lib.jsonl'}:8: the database refused the record (refused for the test)"]
    assert summary.created == 29 and good_urls() == 29


@pytest.mark.django_db(transaction=True)  # outside a test transaction, as the command runs: retries happen
def test_imports_commit_in_batches_and_a_rerun_completes_a_lost_one(tmp_path, monkeypatch):
    # Issue 29 item 4: a failure loses one batch at most; the rerun stores it and changes nothing else.
    real, calls = factchecks.store_batch, []

    def store_batch(records, vectors=None):
        calls.append(len(records))
        if len(calls) in (3, 4, 5):  # the third batch: busy through the retries
            raise OperationalError("database is locked")
        return real(records, vectors)

    monkeypatch.setattr(factchecks, "store_batch", store_batch)
    monkeypatch.setattr(retry.time, "sleep", lambda s: None)
    f = tmp_path / "lib.jsonl"
    f.write_text("\n".join(json.dumps(rec(i)) for i in range(45)))
    summary = factchecks.import_paths([f], batch_size=10)
    assert calls == [10, 10, 10, 10, 10, 10, 5]
    assert summary.errors == [f"10 records from {f}:21 to {f}:30: not stored, the database was busy "
                              "(the database stayed busy through 3 attempt(s) (database is locked)); "
                              "run the import again to store them"]
    assert summary.created == 35 and good_urls() == 35
    monkeypatch.setattr(factchecks, "store_batch", real)
    again = factchecks.import_paths([f], batch_size=10)
    assert (again.created, again.updated, again.unchanged, again.errors) == (10, 0, 35, [])


@pytest.mark.django_db
def test_a_re_import_bumps_updated_at_and_the_running_index_sees_the_new_wording(tmp_path):
    # D04: bulk_update left updated_at alone, so a running server's index kept the old text.
    f = tmp_path / "lib.json"
    f.write_text(json.dumps([rec(1, "Vaccines contain microchips for tracking people"),
                             rec(2, "The Eiffel Tower is in Berlin")]))
    run(f)
    q = "Bananas cure diabetes in two weeks"
    matching.match_text(q)  # this process's index is built
    before = FactCheck.objects.get(url="https://good.example/2").updated_at
    f.write_text(json.dumps([rec(1, "Vaccines contain microchips for tracking people"), rec(2, q)]))
    code, out, _ = run(f)
    assert "0 created, 1 updated, 1 unchanged" in out
    assert FactCheck.objects.get(url="https://good.example/2").updated_at > before
    top = matching.match_text(q)[0]
    assert top.factcheck.url == "https://good.example/2" and top.score >= 0.5


@pytest.mark.django_db
def test_every_write_to_the_library_bumps_updated_at(tmp_path):
    (tmp_path / "lib.json").write_text(json.dumps([rec(1), rec(2)]))
    run(tmp_path / "lib.json")
    old = timezone.now() - timedelta(days=1)
    FactCheck.objects.all().update(updated_at=old)  # an explicit value is kept
    assert set(FactCheck.objects.values_list("updated_at", flat=True)) == {old}
    FactCheck.objects.filter(url__endswith="/1").update(rating="True")
    rows = list(FactCheck.objects.order_by("url"))
    assert rows[0].updated_at > old and rows[1].updated_at == old
    rows[1].rating = "Mostly true"
    FactCheck.objects.bulk_update([rows[1]], ["rating"])
    assert FactCheck.objects.get(url__endswith="/2").updated_at > old


@pytest.fixture
def checked_and_unchecked(imported_seed, editor):
    c1, c2 = Claim.objects.order_by("id")[:2]
    review.apply_review(c1, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.FALSE, rationale="No.")
    return c1, c2


def collision(own_url, c1, c2):
    other = own_url.replace(f"/{c1.pk}/", f"/{c2.pk}/")
    return [{**rec(1, "Someone else's wording"), "url": own_url, "author": {"name": "Somebody Else"},
             "reviewRating": {"alternateName": "True"}},
            {**rec(2, "crime fell by forty per cent"), "url": other, "author": {"name": "Somebody Else"}}]


@pytest.mark.django_db
def test_an_import_never_overwrites_our_own_checks(tmp_path, checked_and_unchecked):
    # D05 (a): a file carrying our own page's url rewrote our entry (publisher, rating, wording).
    c1, c2 = checked_and_unchecked
    own = FactCheck.objects.get(claim=c1)
    f = tmp_path / "import.json"
    f.write_text(json.dumps(collision(own.url, c1, c2)))
    code, out, err = run(f)
    assert code == 0, err
    assert "2 skipped (ClaimsDB's own checks)" in out
    assert f"skipped: {f}#1: {own.url} is one of ClaimsDB's own checks" in err
    after = FactCheck.objects.get(claim=c1)
    assert (after.url, after.publisher, after.rating, after.claim_reviewed) == (
        own.url, "ClaimsDB", "False", own.claim_reviewed)
    assert FactCheck.objects.count() == 1  # our other page's url was not imported either


@pytest.mark.django_db
def test_a_row_an_import_left_at_our_url_is_taken_over_when_the_claim_is_checked(
        checked_and_unchecked, editor, api):
    # D05 (b): an imported row at a not-yet-checked claim's url made checking it a 500, for ever.
    c1, c2 = checked_and_unchecked
    url = FactCheck.objects.get(claim=c1).url.replace(f"/{c1.pk}/", f"/{c2.pk}/")
    factchecks.store_batch([("older import", claimreview.review({**rec(1, "Someone else's wording"), "url": url}))])
    foreign = FactCheck.objects.get(url=url)
    assert foreign.claim_id is None
    api.force_authenticate(editor)
    r = api.patch(f"/api/v1/claims/{c2.pk}/", {"status": "checked", "verdict": "false"}, format="json")
    assert r.status_code == 200, r.content
    row = FactCheck.objects.get(url=url)
    assert (row.pk, row.claim_id, row.publisher, row.rating, row.raw) == (foreign.pk, c2.pk, "ClaimsDB", "False", {})
    # Our entry moving to a url where an imported copy sits: the copy goes, ours stays.
    moved = url.replace(f"/{c2.pk}/", f"/{c1.pk}/")
    FactCheck.objects.filter(claim=c1).update(url="https://old.example/1")
    factchecks.store_batch([("older import", claimreview.review({**rec(9), "url": moved}))])
    factchecks.sync_own(c1)
    assert FactCheck.objects.get(url=moved).claim_id == c1.pk
    assert not FactCheck.objects.filter(url="https://old.example/1").exists()


# D19: regular files inside the folder only, a size limit, no content in error lines.

@pytest.mark.django_db
def test_import_seeds_refuses_a_symlink_leaving_the_folder_without_echoing_it(tmp_path, capsys):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "story.txt").symlink_to(secret)
    (drop / "good.txt").write_text("A headline\n\n3 March 2019\n\nJane Doe said the plan would work.\n\n- The Example\n")
    (drop / "alias.txt").symlink_to(drop / "good.txt")  # inside the folder: read (once, as good.txt)
    with pytest.raises(SystemExit) as exit_:
        call_command("import_seeds", str(drop), verbosity=0)
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [f"error: {drop / 'story.txt'}: {OUTSIDE}"]
    assert list(Article.objects.values_list("source_file", flat=True)) == ["good.txt"]


def test_a_seed_format_error_names_the_line_not_its_content():
    from articles.extraction import SeedFormatError, parse

    with pytest.raises(SeedFormatError) as exc:
        parse("root:x:0:0:root\n\ndaemon:x:1:1:daemon:/usr/sbin\n\nbody\n")
    assert str(exc.value) == "missing date: expected a date line after the headline (line 3)"


@pytest.mark.django_db
def test_import_factchecks_refuses_fifos_and_outside_links_and_never_blocks(tmp_path):
    folder = tmp_path / "checks"
    (folder / "sub").mkdir(parents=True)
    os.mkfifo(folder / "library.json")
    (folder / "passwd.json").symlink_to("/etc/passwd")
    (folder / "zero.jsonl").symlink_to("/dev/zero")
    (folder / "sub" / "good.jsonl").write_text(json.dumps(rec(1)) + "\n")
    def blocked(*_):
        raise TimeoutError("import_factchecks blocked on the FIFO")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(30)
    try:
        code, out, err = run(folder)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert code == 1
    assert f"error: {folder / 'library.json'}: {NOT_REGULAR}" in err
    assert f"error: {folder / 'passwd.json'}: {OUTSIDE}" in err
    assert f"error: {folder / 'zero.jsonl'}: {OUTSIDE}" in err
    assert "root:" not in err and good_urls() == 1


@pytest.mark.django_db
def test_import_factchecks_has_a_size_limit(tmp_path, settings):
    settings.CLAIMSDB_MAX_FACTCHECK_BYTES = 2000
    big = tmp_path / "big.json"
    big.write_text(json.dumps([rec(i) for i in range(30)]))
    lines = tmp_path / "lines.jsonl"  # streamed: the limit holds for each line
    lines.write_text("\n".join([json.dumps(rec(100, "x" * 3000))] + [json.dumps(rec(i)) for i in range(30)]) + "\n")
    code, out, err = run(big, lines)
    assert code == 1
    assert f"error: {big}: file too large (over 2,000 bytes)" in err
    assert f"error: {lines}:1: line too long (over 2,000 bytes)" in err
    assert good_urls() == 30


@pytest.mark.slow  # streams a large file to measure memory; runs in .ci/run
@pytest.mark.django_db
def test_json_lines_are_streamed_with_flat_memory(tmp_path):
    import tracemalloc

    f = tmp_path / "many.jsonl"
    with f.open("w") as out:
        for i in range(3000):
            out.write(json.dumps(rec(i, extra="padding " * 100)) + "\n")
    tracemalloc.start()
    n = sum(1 for _, r in claimreview.read(f) if isinstance(r, claimreview.Review))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert n == 3000 and peak < f.stat().st_size / 4, (peak, f.stat().st_size)


def test_the_reader_never_stops_on_a_record(tmp_path):
    f = tmp_path / "odd.jsonl"
    f.write_text("\n".join([json.dumps(1), json.dumps({"claims": [{"claimReview": "nope", "text": "t"}]}),
                            json.dumps({"@graph": [[[rec(1)]]]}), "\ufeff{", "\xff"]) + "\n")
    got = [(w.rsplit(":", 1)[1], type(r).__name__) for w, r in claimreview.read(f)]
    assert got == [("1", "BadRecord"), ("2", "BadRecord"), ("3", "Review"), ("4", "BadRecord"), ("5", "BadRecord")]
    started = time.perf_counter()
    assert list(claimreview.objects(json.loads("[" * 900 + "1" + "]" * 900))) == [1]  # no recursion
    assert time.perf_counter() - started < 1


@pytest.mark.django_db
def test_records_at_our_public_pages_are_skipped_whatever_the_claim(tmp_path, settings):
    settings.CLAIMSDB_PUBLIC_URL = "https://news.example/"
    f = tmp_path / "export.jsonl"
    f.write_text("\n".join(json.dumps({**rec(i), "url": u}) for i, u in enumerate([
        "https://news.example/factchecks/12/", "https://news.example/factchecks/13",
        "https://news.example/factchecks/about/", "https://other.example/factchecks/12/"])))
    summary = factchecks.import_paths([f])
    assert (summary.created, summary.skipped, summary.errors) == (2, 2, [])
    assert sorted(FactCheck.objects.values_list("url", flat=True)) == [
        "https://news.example/factchecks/about/", "https://other.example/factchecks/12/"]


def test_folder_listing_keeps_to_regular_files_inside(tmp_path):
    from articles.services import inputs

    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "inner.json").symlink_to(tmp_path / "a.json")
    (tmp_path / "dangling.json").symlink_to(tmp_path / "gone.json")
    (tmp_path / "linked").symlink_to("/etc", target_is_directory=True)  # not walked
    (tmp_path / "notes.txt").write_text("ignored: another suffix")
    got = list(inputs.listing([tmp_path], (".json",)))
    assert got == [tmp_path / "a.json", inputs.Refused(str(tmp_path / "dangling.json"), "a broken symbolic link"),
                   tmp_path / "a.json"]
    with pytest.raises(ValueError, match="file too large"):
        inputs.read_regular(tmp_path / "notes.txt", 5)


@pytest.mark.django_db
def test_vectors_are_computed_beside_the_writes_and_a_failure_there_costs_nothing(tmp_path, monkeypatch):
    # Issue 23 (import at scale): a batch's vectors are computed in a worker thread while the batch
    # before it is written; the writes stay in order in the caller's thread. When computing them
    # fails, the batch is written record by record, each computing its own vectors.
    import threading

    real_embed, real_store, threads, stored = factchecks._embed, factchecks.store_batch, [], []

    def embed(reviews):
        threads.append(threading.current_thread().name)
        if len(threads) == 2:
            raise ValueError("the tokenizer failed for the test")
        return real_embed(reviews)

    def store_batch(records, vectors=None):
        stored.append((threading.current_thread().name, [r.url for _, r in records]))
        return real_store(records, vectors)

    monkeypatch.setattr(factchecks, "_embed", embed)
    monkeypatch.setattr(factchecks, "store_batch", store_batch)
    (tmp_path / "lib.jsonl").write_text("\n".join(json.dumps(rec(i)) for i in range(25)))
    summary = factchecks.import_paths([tmp_path / "lib.jsonl"], batch_size=10)
    assert (summary.created, summary.errors) == (25, [])
    assert threads[0].startswith("factcheck-vectors") and threads[1].startswith("factcheck-vectors")
    main = threading.current_thread().name
    assert {name for name, _ in stored} == {main}
    assert [u for _, urls in stored for u in urls] == [f"https://good.example/{i}" for i in range(25)]
    assert [len(urls) for _, urls in stored] == [10] + [1] * 10 + [5]  # the second batch record by record
    assert all(len(v) == 3 * 256 * 2 for v in FactCheck.objects.values_list("vectors", flat=True))
