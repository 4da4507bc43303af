"""The shipped production server configuration loads and says what the README promises."""
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.slow  # starts gunicorn and its workers; runs in .ci/run
def test_gunicorn_config_is_valid_and_freezes_gc_after_fork():
    env = dict(os.environ, DEBUG="0", SECRET_KEY="x" * 50, CLAIMSDB_NO_DOTENV="1", ALLOWED_HOSTS="localhost")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    r = subprocess.run([str(gunicorn), "--check-config", "-c", "gunicorn.conf.py", "claimsdb.wsgi"], cwd=ROOT,
                       env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["workers"] >= 2 and conf["preload_app"] and conf["keepalive"] > 0 and conf["accesslog"] == "-"
    import gc

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    conf["post_fork"](None, None)
    assert gc.get_freeze_count() > 0  # the objects loaded before the fork are now frozen
    gc.unfreeze()


def test_gunicorn_loads_the_matcher_in_the_master_before_the_workers_fork(monkeypatch):
    from types import SimpleNamespace

    from articles.services import match_index

    warmed = []
    monkeypatch.setattr(match_index, "warm", lambda: warmed.append(1))
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    conf["when_ready"](SimpleNamespace(cfg=SimpleNamespace(preload_app=True)))
    assert warmed == [1]  # shared copy-on-write by every worker
    conf["when_ready"](SimpleNamespace(cfg=SimpleNamespace(preload_app=False)))
    assert warmed == [1]  # without preloading the master would hold a copy no worker shares


def test_the_match_index_is_brought_to_the_code_s_format_before_serving():
    # an index of an older FORMAT is rebuilt by a command at start, not by the first editor's save
    serve = (ROOT / "scripts" / "serve.sh").read_text()
    assert serve.index("manage.py migrate") < serve.index("manage.py build_match_index") < serve.index("runserver")
    prod = (ROOT / "README.md").read_text().split("## Production", 1)[1].split("\n## ", 1)[0]
    assert prod.index("manage.py migrate") < prod.index("manage.py build_match_index") < prod.index("gunicorn -c")
