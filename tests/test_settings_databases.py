"""SQLite set up as an embedded database for a multi-worker server, and the cache that goes with
each database (issue 29)."""
import importlib.util
import os
import sqlite3
import subprocess
import sys
from unittest import mock

import pytest
from django.core.cache.backends.filebased import FileBasedCache

from tests.conftest import ROOT


def settings_for(**env) -> dict:
    """The settings module run afresh in this process under ``env`` (as a worker would read it at
    start): its database options and cache. In-process, so each case costs milliseconds, not a
    Python and Django start-up."""
    env = dict(os.environ, DEBUG="1", CLAIMSDB_NO_DOTENV="1", **env)
    spec = importlib.util.spec_from_file_location("claimsdb_settings_probe", ROOT / "claimsdb" / "settings.py")
    module = importlib.util.module_from_spec(spec)
    with mock.patch.dict(os.environ, env, clear=True):
        spec.loader.exec_module(module)
    return {"options": module.DATABASES["default"].get("OPTIONS", {}), "cache": module.CACHES["default"]}


def test_sqlite_is_set_up_for_concurrent_writers_and_its_cache_kept_out_of_it(tmp_path):
    got = settings_for(DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", CACHE_URL="")
    opts = got["options"]
    assert opts["transaction_mode"] == "IMMEDIATE" and opts["timeout"] >= 5
    assert "journal_mode=WAL" in opts["init_command"] and "synchronous=NORMAL" in opts["init_command"]
    assert got["cache"] == {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                            "LOCATION": f"{tmp_path}/db.sqlite3-cache"}


@pytest.mark.parametrize(("url", "cache_url", "backend"), [
    ("postgres://u@127.0.0.1:5432/x", "", "db.DatabaseCache"),
    ("sqlite:////tmp/x.sqlite3", "redis://127.0.0.1:6379/0", "redis.RedisCache"),
    ("sqlite:////tmp/x.sqlite3", "db://", "db.DatabaseCache"),
    ("postgres://u@127.0.0.1:5432/x", "file:///tmp/claimsdb-cache", "filebased.FileBasedCache"),
])
def test_cache_follows_the_database_unless_cache_url_says(url, cache_url, backend):
    got = settings_for(DATABASE_URL=url, CACHE_URL=cache_url)
    assert got["cache"]["BACKEND"] == f"django.core.cache.backends.{backend}"
    if url.startswith("postgres"):
        assert "transaction_mode" not in got["options"]


def test_the_file_cache_is_shared_between_processes(tmp_path):
    # What one worker counts, another sees: the throttle is right with several workers.
    FileBasedCache(str(tmp_path / "c"), {}).set("throttle_anon_1.2.3.4", [1.0, 2.0], 60)
    code = ("from django.core.cache.backends.filebased import FileBasedCache; import sys; "
            f"print(FileBasedCache({str(tmp_path / 'c')!r}, {{}}).get('throttle_anon_1.2.3.4'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[1.0, 2.0]"


@pytest.mark.slow  # migrates a database in a new process; runs in .ci/run
def test_a_migrated_sqlite_database_is_in_wal_mode(tmp_path):
    from tests.helpers import manage, sqlite_url

    db = tmp_path / "db.sqlite3"
    manage(sqlite_url(db), "migrate", "--noinput")
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
