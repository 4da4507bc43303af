"""benchmarks/extraction_cv.py's arguments: ``--only-folds`` names folds that exist (no training run here)."""
import sys

import pytest

from benchmarks import extraction_cv


@pytest.mark.parametrize("only", [["5"], ["-1"], ["0", "7"]])
def test_only_folds_outside_the_folds_is_refused_before_any_work(monkeypatch, tmp_path, capsys, only):
    # a fold that does not exist would train nothing and score an empty gold: a figure of nothing
    monkeypatch.setattr(sys, "argv", ["extraction_cv.py", "--corpus", str(tmp_path), "--folds", "5",
                                      "--only-folds", *only])
    with pytest.raises(SystemExit) as e:
        extraction_cv.main()
    assert e.value.code == 2 and "--only-folds" in capsys.readouterr().err
