"""The import run (articles.ingestion.pipeline.run_import): what the command prints comes from its report."""
import pytest

from articles.ingestion import pipeline
from articles.models import Article, Claim


def test_run_import_reports_what_it_stored_and_calls_back_per_file(db, seed_dir, tmp_path):
    missing = tmp_path / "missing.txt"
    refused, seen = [], []
    report = pipeline.run_import([str(seed_dir), str(missing)], on_refused=refused.append,
                                 on_result=lambda result, n, total: seen.append((result.status, n, total)))
    assert [r.path for r in refused] == [str(missing)]
    assert seen == [("created", 1, 1)]
    assert report.files == 2 and report.statuses["created"] == 1 and report.statuses["failed"] == 1
    assert report.totals["claims"] == Claim.objects.count() > 0
    assert report.failed and not report.errors and not report.dry_run

    again = pipeline.run_import([str(seed_dir)])
    assert (again.statuses["unchanged"], again.failed) == (1, False)


def test_a_dry_run_writes_nothing(db, seed_dir):
    report = pipeline.run_import([str(seed_dir)], dry_run=True)
    assert report.statuses["parsed"] == 1 and report.totals["claims"] > 0
    assert not Article.objects.exists()


def test_nothing_to_import_is_an_error(db, tmp_path):
    with pytest.raises(pipeline.NothingToImport):
        pipeline.run_import([str(tmp_path)])
    with pytest.raises(ValueError):
        pipeline.run_import([str(tmp_path)], jobs=0)
