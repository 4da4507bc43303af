import importlib
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_560d7217fdf1513e.txt"
DATA = Path(__file__).resolve().parent / "data"


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
