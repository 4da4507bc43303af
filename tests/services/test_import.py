"""import_seeds: summary, idempotency, update in place, bad input, editors' work kept."""
import shutil

import pytest
from django.core.management import call_command

from articles.entities import merge
from articles.models import Article, Claim, ClaimLink, Mention, Organisation, Person, Statistic
from articles.services import links, review
from tests.conftest import SEED


def run(*args):
    """Run import_seeds; return (exit code, stdout, stderr)."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_seeds", *map(str, args), stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def snapshot():
    return {
        "articles": sorted(Article.objects.values_list("source_file", "sha256")),
        "claims": sorted(Claim.objects.values_list("key", "text", "status", "verdict")),
        "people": sorted(Person.objects.values_list("name", flat=True)),
        "organisations": sorted(Organisation.objects.values_list("name", flat=True)),
        "statistics": Statistic.objects.count(),
    }


@pytest.mark.django_db
def test_import_prints_a_summary(seed_dir):
    code, out, err = run(seed_dir)
    assert code == 0, err
    assert "1 files: 1 created, 0 updated, 0 unchanged" in out
    assert "9 people" in out and "claims" in out and "statistics" in out
    art = Article.objects.get()
    assert art.publisher.name == "The Telegraph"
    assert art.body == SEED.read_text(encoding="utf-8")
    assert art.source_file == SEED.name
    for c in art.claims.all():
        assert art.body[c.start:c.end] == c.text


@pytest.mark.django_db
def test_import_is_idempotent(seed_dir):
    run(seed_dir)
    before = snapshot()
    mentions = Mention.objects.count()
    code, out, _ = run(seed_dir)
    assert code == 0
    assert "0 created, 0 updated, 1 unchanged" in out
    assert snapshot() == before
    assert Mention.objects.count() == mentions


@pytest.mark.django_db
def test_changed_file_updates_in_place_and_keeps_review(seed_dir, editor):
    run(seed_dir)
    art = Article.objects.get()
    claim = Claim.objects.get(text__contains="He has the blood of 400,000")
    review.apply_review(claim, editor, verdict="true", status="checked", rationale="Checked against UN figures.")
    gone = Claim.objects.get(text__startswith='"This will prove to be a great time')
    review.apply_review(gone, editor, status="in_review")
    path = seed_dir / SEED.name
    text = path.read_text(encoding="utf-8")
    text = text.replace("Britain is facing a diplomatic crisis", "Britain faces a grave diplomatic crisis")
    text = text.replace('Mr Trump said on Twitter yesterday: "This will prove to be a great time in the lives of all '
                        'Americans. We will unite and we will win, win, win!"', "Mr Trump posted on Twitter.")
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(seed_dir)
    assert code == 0 and "0 created, 1 updated" in out
    assert Article.objects.get().pk == art.pk
    claim.refresh_from_db()
    assert (claim.verdict, claim.status, claim.rationale) == ("true", "checked", "Checked against UN figures.")
    assert Article.objects.get().body[claim.start:claim.end] == claim.text
    # A reviewed claim that left the text is kept, flagged; unreviewed ones that left are removed.
    gone.refresh_from_db()
    assert gone.in_text is False


BAD_FILES = {
    "empty.txt": (b"", "empty file"),
    "binary.txt": (b"\x00\x01\x02\x03binary", "binary"),
    "latin1.txt": ("Headline\n\n14 November 2016\n\nCaf\u00e9 society.".encode("latin-1"), "not UTF-8"),
    "noheadline.txt": (b"\n14 November 2016\n\nBody.", "no headline"),
    "nodate.txt": (b"Headline\n\nBody text only.\n", "missing date"),
    "baddate.txt": (b"Headline\n\n30 February 2016\n\nBody.", "impossible date"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_reported_and_changes_nothing(seed_dir, tmp_path, name):
    run(seed_dir)
    before = snapshot()
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    data, reason = BAD_FILES[name]
    (bad_dir / name).write_bytes(data)
    shutil.copy(SEED, bad_dir / SEED.name)
    code, out, err = run(bad_dir)
    assert code == 1
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and name in lines[0] and reason in lines[0]
    assert "Traceback" not in err + out
    assert "1 unchanged" in out and "1 failed" in out  # the good file still went through
    assert snapshot() == before


@pytest.mark.django_db
def test_oversized_file_is_refused(seed_dir, settings, tmp_path):
    settings.CLAIMSDB_MAX_SEED_BYTES = 1000
    code, _, err = run(seed_dir)
    assert code == 1 and "file too large" in err and SEED.name in err
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_missing_path_is_an_error(tmp_path):
    code, _, err = run(tmp_path / "nowhere")
    assert code == 1 and "no such file or directory" in err


@pytest.mark.django_db
def test_dry_run_writes_nothing(seed_dir):
    code, out, _ = run("--dry-run", seed_dir)
    assert code == 0 and out.startswith("dry run:") and "1 parsed" in out
    assert Article.objects.count() == 0 and Person.objects.count() == 0


@pytest.mark.django_db
def test_editors_work_survives_reimport(seed_dir, editor):
    run(seed_dir)
    a, b = Claim.objects.filter(kind="quote")[:2]
    review.apply_review(a, editor, verdict="false", status="checked")
    links.create_link(a, b, "contradicts", editor)
    # Merge the seed's Boris Johnson into a duplicate an editor created by hand.
    boris = Person.objects.get(name="Boris Johnson")
    dup = Person.objects.create(name="Alexander Boris de Pfeffel Johnson", key="alexander boris de pfeffel johnson")
    merge.merge_people(dup, [boris])
    a.speaker = dup
    a.edited = True
    a.save()
    # Force a real re-extraction of the unchanged file.
    Article.objects.update(extractor_version="old")
    code, out, _ = run(seed_dir)
    assert code == 0 and "1 updated" in out
    a.refresh_from_db()
    assert a.verdict == "false" and a.status == "checked" and a.speaker == dup
    assert ClaimLink.objects.filter(source=a, target=b, relation="contradicts").exists()
    # Later imports map "Boris Johnson" to the record the editor kept.
    assert not Person.objects.filter(name="Boris Johnson").exists()
    assert Claim.objects.filter(speaker=dup, text__contains="war crimes").exists()


def test_queries_per_article_do_not_grow_with_its_entities(db, tmp_path):
    """New people and organisations are inserted in bulk: an article naming 30 new people costs
    the same number of queries as one naming 2, at most 15 (transaction statements aside); the
    publisher, editors' rejections and surname links are looked up once a run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.ingestion import persistence
    from articles.ingestion.run_cache import RunCache
    from articles.services import reader

    # Names that read as people's (the entity finder's tagger reads "Person0 Surname0" as none).
    firsts = """Anna Boris Clara David Elena Frank Grace Henry Irene James Karen Louis Maria Nathan Olga Peter
    Rachel Samuel Teresa Victor Wendy Albert Brenda Carl Diana Edgar Fiona George Helen Ivan Julia Kevin""".split()
    lasts = """Whitfield Calloway Brennan Ashford Delgado Fairbank Hollis Kimura Lindqvist Moretti Novak Okafor
    Pemberton Quinlan Rasmussen Sorensen Thackeray Underhill Valdez Winslow Yardley Zielinski Abernathy Bancroft
    Castellano Dunmore Ellison Fortescue Galloway Hargreave Iverson Jablonski""".split()

    def article(name, n_people, first=0):
        lines = [f"{firsts[i % 32]} {lasts[(i // 32 + i) % 32]} said the plan number {i} would work well."
                 for i in range(first, first + n_people)]
        path = tmp_path / name
        path.write_text("Headline\n\n3 March 2019\n\n" + "\n\n".join(lines) + "\n\n- The Example\n", encoding="utf-8")
        return reader.prepare(path, 10**7, [])

    run = RunCache()
    persistence.store([article("warm.txt", 1, 900)], run)
    counts = {}
    for name, n, first in (("small.txt", 2, 0), ("large.txt", 30, 100)):
        prep = article(name, n, first)
        assert sum(e.kind == "person" for e in prep.extraction.entities) == n
        with CaptureQueriesContext(connection) as ctx:
            assert persistence.store([prep], run)[0].status == "created"
        counts[n] = [q["sql"] for q in ctx.captured_queries
                     if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT"))]
    assert len(counts[30]) == len(counts[2]), counts
    assert len(counts[30]) <= 15, "\n".join(counts[30])


def test_an_import_clears_the_admin_filter_caches(db, tmp_path, seed_dir):
    from django.core.cache import cache
    from django.core.management import call_command

    from articles.services.filter_cache import PUBLISHERS_CACHE, TOP_SPEAKERS_CACHE

    cache.set(PUBLISHERS_CACHE, [(1, "Stale")], 300)
    cache.set(TOP_SPEAKERS_CACHE, [], 300)
    call_command("import_seeds", str(seed_dir), verbosity=0)
    assert cache.get(PUBLISHERS_CACHE) is None and cache.get(TOP_SPEAKERS_CACHE) is None
