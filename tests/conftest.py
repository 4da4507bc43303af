import importlib
import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_560d7217fdf1513e.txt"
DATA = Path(__file__).resolve().parent / "data"

# Fixtures through which a test uses the database Django is configured with.
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
                     "live_server"}


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL pass of scripts/test.sh (CLAIMSDB_TEST_PASS=postgres) runs only the tests whose
    outcome can depend on that database: the ones using Django's database and the ones marked postgres
    or queue. The rest (pure extraction and matching, tests that make their own SQLite files) ran in
    the SQLite pass already; running them again only doubled the suite's time."""
    if os.environ.get("CLAIMSDB_TEST_PASS") != "postgres":
        return
    keep, drop = [], []
    for item in items:
        uses_database = DATABASE_FIXTURES & set(item.fixturenames) or any(
            item.get_closest_marker(m) for m in ("django_db", "postgres", "queue"))
        (keep if uses_database else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(autouse=True)
def match_index_dir(tmp_path_factory, settings):
    """Each test its own shared match index (the index holds database ids), outside tmp_path."""
    from articles.services import match_index

    settings.CLAIMSDB_MATCH_INDEX_DIR = str(tmp_path_factory.mktemp("match-index"))
    match_index._state.clear()
    yield settings.CLAIMSDB_MATCH_INDEX_DIR
    match_index._state.clear()


@pytest.fixture
def seed_dir(tmp_path):
    d = tmp_path / "seeds"
    d.mkdir()
    shutil.copy(SEED, d / SEED.name)
    return d


@pytest.fixture
def imported_seed(db, seed_dir):
    call_command("import_seeds", str(seed_dir), verbosity=0)
    from articles.models import Article

    return Article.objects.get()


def ensure_groups():
    """The Editors and Viewers groups, made by migration 0002; transactional tests flush them."""
    if Group.objects.filter(name__in=["Editors", "Viewers"]).count() < 2:
        from django.apps import apps

        importlib.import_module("articles.migrations.0002_groups").create_groups(apps, None)
        importlib.import_module("articles.migrations.0014_matching_permissions").grant(apps, None)
        importlib.import_module("articles.migrations.0019_entities_identity_permissions").grant(apps, None)
        importlib.import_module("articles.migrations.0025_desk_publish_permission").grant(apps, None)
        importlib.import_module("articles.migrations.0027_corrections_webhooks_archive").grant(apps, None)


def make_user(username, group=None, **extra):
    user = User.objects.create_user(username, password="pw-" + username, **extra)
    if group:
        ensure_groups()
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return make_user("editor", "Editors", is_staff=True)


@pytest.fixture
def viewer(db):
    return make_user("viewer", "Viewers", is_staff=True)


@pytest.fixture
def api():
    return APIClient()
