"""D14: failed logins are limited per account and per address, and logged (django-axes)."""
import logging

from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client

from tests.conftest import make_user


def wrong_logins(client, username, n):
    return [client.post("/admin/login/?next=/admin/", {"username": username, "password": f"guess-{i}"}).status_code
            for i in range(n)]


def test_admin_login_locks_out_after_the_failure_limit(db, settings, caplog):
    make_user("editor", "Editors", is_staff=True)
    client = Client(REMOTE_ADDR="203.0.113.9")
    with caplog.at_level(logging.WARNING, logger="axes"):
        codes = wrong_logins(client, "editor", settings.AXES_FAILURE_LIMIT + 2)
    assert codes[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(codes[settings.AXES_FAILURE_LIMIT - 1:]) == {429}
    r = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "pw-editor"})
    assert r.status_code == 429 and int(r["Retry-After"]) > 0  # the right password waits out the cool-off
    assert "Too many failed logins" in r.content.decode()
    # Failures are stored (the admin lists them) and logged.
    assert AccessFailureLog.objects.filter(username="editor", ip_address="203.0.113.9").count() >= 10
    assert any("203.0.113.9" in rec.getMessage() for rec in caplog.records)


def test_lockout_is_per_account_and_per_address(db, settings):
    make_user("editor", "Editors", is_staff=True)
    make_user("other", "Editors", is_staff=True)
    wrong_logins(Client(REMOTE_ADDR="203.0.113.9"), "editor", settings.AXES_FAILURE_LIMIT)
    # The account is locked from any address ...
    r = Client(REMOTE_ADDR="198.51.100.7").post("/admin/login/", {"username": "editor", "password": "pw-editor"})
    assert r.status_code == 429
    # ... and the address for any account.
    r = Client(REMOTE_ADDR="203.0.113.9").post("/admin/login/", {"username": "other", "password": "pw-other"})
    assert r.status_code == 429
    # Another account from another address logs in.
    r = Client(REMOTE_ADDR="198.51.100.7").post("/admin/login/?next=/admin/", {"username": "other", "password": "pw-other"})
    assert r.status_code == 302 and r["Location"] == "/admin/"


def test_failures_expire_after_the_cool_off(db, settings):
    make_user("editor", "Editors", is_staff=True)
    client = Client(REMOTE_ADDR="203.0.113.9")
    wrong_logins(client, "editor", settings.AXES_FAILURE_LIMIT)
    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")
    r = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "pw-editor"})
    assert r.status_code == 302


def test_forwarded_for_does_not_escape_the_address_lockout(db, settings):
    make_user("editor", "Editors", is_staff=True)
    client = Client(REMOTE_ADDR="203.0.113.9")
    codes = [client.post("/admin/login/", {"username": f"user{i}", "password": "x"},
                         HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code for i in range(settings.AXES_FAILURE_LIMIT + 1)]
    assert codes[-1] == 429
