"""TOTP two-factor login for staff (django-otp), required when CLAIMSDB_REQUIRE_2FA is on."""
import re
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import make_user


def code(device, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return totp.token()


def enrol(username):
    out = StringIO()
    call_command("enrol_totp", username, "--no-qr", stdout=out)
    uri = re.search(r"otpauth://totp/\S+", out.getvalue()).group(0)
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    call_command("enrol_totp", username, "--confirm", f"{code(device):06d}", stdout=StringIO())
    device.refresh_from_db()
    assert device.confirmed and "secret=" in uri and "issuer=" in uri
    return device


@pytest.fixture
def require_2fa(settings):
    settings.CLAIMSDB_REQUIRE_2FA = True


def test_enrolment_needs_a_right_code_to_confirm(db):
    make_user("editor", "Editors", is_staff=True)
    out = StringIO()
    call_command("enrol_totp", "editor", stdout=out)
    assert re.search(r"otpauth://totp/ClaimsDB(:|%3A)editor\?secret=[A-Z2-7]+", out.getvalue())
    device = TOTPDevice.objects.get()
    wrong = f"{(code(device) + 1) % 1_000_000:06d}"
    with pytest.raises(CommandError):
        call_command("enrol_totp", "editor", "--confirm", wrong)
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    call_command("enrol_totp", "editor", "--remove", stdout=StringIO())
    assert not TOTPDevice.objects.exists()


def test_admin_asks_staff_for_a_code_when_required(db, require_2fa):
    make_user("editor", "Editors", is_staff=True)
    client = Client()
    # Without an enrolled device the password alone is refused.
    r = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "pw-editor"})
    assert r.status_code == 200 and 'name="otp_token"' in r.content.decode()
    device = enrol("editor")
    right = f"{code(device, 1):06d}"
    wrong = "000000" if right != "000000" else "111111"
    login = {"username": "editor", "password": "pw-editor"}
    r = client.post("/admin/login/?next=/admin/", {**login, "otp_token": wrong})
    assert r.status_code == 200 and "Invalid token" in str(r.context["form"].errors)
    # Right after a wrong code even the right one waits (django-otp's back-off against guessing).
    r = client.post("/admin/login/?next=/admin/", {**login, "otp_token": right})
    assert r.status_code == 200 and "temporarily disabled" in str(r.context["form"].errors)
    device.refresh_from_db()
    device.throttle_reset()
    r = client.post("/admin/login/?next=/admin/", {**login, "otp_token": right})
    assert r.status_code == 302 and r["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_an_unverified_session_is_sent_to_the_login(db, require_2fa):
    client = Client()
    client.force_login(make_user("editor", "Editors", is_staff=True))
    r = client.get("/admin/")
    assert r.status_code == 302 and r["Location"].startswith("/admin/login/")


def test_admin_login_is_the_plain_form_by_default(db, settings):
    assert settings.CLAIMSDB_REQUIRE_2FA is False  # scripts/serve.sh stays one command
    make_user("editor", "Editors", is_staff=True)
    r = Client().post("/admin/login/?next=/admin/", {"username": "editor", "password": "pw-editor"})
    assert r.status_code == 302


def test_api_token_login_asks_staff_for_a_code_when_required(api, db, require_2fa):
    make_user("editor", "Editors", is_staff=True)
    device = enrol("editor")
    r = api.post("/api/v1/auth/login/", {"username": "editor", "password": "pw-editor"}, format="json")
    assert r.status_code == 401 and r.json()["detail"].startswith("otp_token")
    r = api.post("/api/v1/auth/login/", {"username": "editor", "password": "pw-editor",
                                         "otp_token": f"{code(device, 1):06d}"}, format="json")
    assert r.status_code == 200 and r.json()["token"]
