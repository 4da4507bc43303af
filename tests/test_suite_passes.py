"""The PostgreSQL pass of scripts/test.sh keeps every test whose outcome can depend on the database."""
from types import SimpleNamespace

import pytest

from tests import conftest


def item(name, fixtures=(), marks=()):
    return SimpleNamespace(name=name, fixturenames=["match_index_dir", *fixtures],
                           get_closest_marker=lambda m: m if m in marks else None)


ITEMS = [item("pure"), item("own_sqlite_files", ["tmp_path"]), item("db", ["db", "settings"]),
         item("transactional", ["transactional_db"]), item("marked", marks=["django_db"]),
         item("postgres", ["tmp_path"], marks=["postgres", "slow"]), item("queue", marks=["queue"]),
         item("server", ["live_server"])]


@pytest.mark.parametrize("run_pass, kept", [
    ("postgres", ["db", "transactional", "marked", "postgres", "queue", "server"]),
    ("sqlite", [i.name for i in ITEMS]),
])
def test_the_postgres_pass_keeps_database_tests_and_leaves_out_the_rest(monkeypatch, run_pass, kept):
    monkeypatch.setenv("CLAIMSDB_TEST_PASS", run_pass)
    deselected = []
    config = SimpleNamespace(hook=SimpleNamespace(pytest_deselected=lambda items: deselected.extend(items)))
    items = list(ITEMS)
    conftest.pytest_collection_modifyitems(config, items)
    assert [i.name for i in items] == kept
    assert sorted(i.name for i in deselected) == sorted(set(i.name for i in ITEMS) - set(kept))
