"""D15: API tokens are stored hashed, expire, and a client can get one (django-rest-knox)."""
import hashlib
import importlib
from datetime import timedelta
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.authtoken.models import Token

from articles.models import Claim
from articles.services import api_tokens
from tests.conftest import make_user


def stored_values():
    with connection.cursor() as cur:
        cur.execute("SELECT key FROM authtoken_token")
        plain = [r[0] for r in cur.fetchall()]
        cur.execute("SELECT digest, token_key FROM knox_authtoken")
        hashed = [v for row in cur.fetchall() for v in row]
    return plain, hashed


def patch_verdict(api, token, claim):
    return api.patch(f"/api/v1/claims/{claim.id}/", {"verdict": "false"}, format="json",
                     HTTP_AUTHORIZATION=f"Token {token}")


def test_issued_token_is_stored_as_a_hash_only(api, imported_seed, editor):
    row, token = api_tokens.issue_token(editor)
    plain, hashed = stored_values()
    assert token not in plain and token not in hashed
    assert row.digest == hashlib.sha512(token.encode()).hexdigest()
    assert timezone.now() + timedelta(days=29) < row.expiry <= timezone.now() + timedelta(days=30)
    assert patch_verdict(api, token, Claim.objects.first()).status_code == 200


def test_drf_token_creation_still_works_and_stores_no_plain_text(api, imported_seed, editor):
    # The audit's prelude (and older scripts) create tokens with DRF's model: they get a hashed one.
    key = Token.objects.create(user=editor).key
    plain, hashed = stored_values()
    assert plain == [] and key not in hashed
    assert AuthToken.objects.get(user=editor).expiry is not None
    assert patch_verdict(api, key, Claim.objects.first()).status_code == 200
    t, _ = Token.objects.get_or_create(user=editor)  # again: a second working token
    assert patch_verdict(api, t.key, Claim.objects.first()).status_code == 200


def test_expired_or_unknown_token_is_401_naming_the_scheme(api, imported_seed, editor):
    row, token = api_tokens.issue_token(editor)
    AuthToken.objects.filter(pk=row.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    claim = Claim.objects.first()
    for bad in (token, "0" * 64, "not-hex"):
        r = patch_verdict(api, bad, claim)
        assert r.status_code == 401 and r["WWW-Authenticate"] == "Token"
    assert not AuthToken.objects.filter(pk=row.pk).exists()  # an expired token is deleted when used


def test_login_endpoint_issues_a_token_and_logout_revokes_it(api, imported_seed, editor):
    r = api.post("/api/v1/auth/login/", {"username": "editor", "password": "pw-editor"}, format="json")
    assert r.status_code == 200, r.content
    token = r.json()["token"]
    assert r.json()["expiry"] and token not in stored_values()[1]
    claim = Claim.objects.first()
    assert patch_verdict(api, token, claim).status_code == 200
    assert api.post("/api/v1/auth/logout/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 204
    assert patch_verdict(api, token, claim).status_code == 401
    # logoutall revokes every token of the user.
    tokens = [api_tokens.issue_token(editor)[1] for _ in range(2)]
    assert api.post("/api/v1/auth/logoutall/", HTTP_AUTHORIZATION=f"Token {tokens[0]}").status_code == 204
    assert [patch_verdict(api, t, claim).status_code for t in tokens] == [401, 401]


def test_login_endpoint_refuses_a_wrong_password_and_locks_out(api, db, settings):
    make_user("editor", "Editors", is_staff=True)
    codes = [api.post("/api/v1/auth/login/", {"username": "editor", "password": f"guess-{i}"},
                      format="json").status_code for i in range(settings.AXES_FAILURE_LIMIT + 1)]
    assert codes[0] == 401 and codes[-1] == 429  # well-formed credentials that do not hold: 401
    r = api.post("/api/v1/auth/login/", {"username": "editor", "password": "pw-editor"}, format="json")
    assert r.status_code == 429 and "Too many failed logins" in r.json()["detail"] and r["Retry-After"]
    assert r.json()["code"] == "throttled"
    assert not AuthToken.objects.exists()


def test_create_api_token_command_prints_the_token_once(api, imported_seed, editor):
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "editor", "--days", "2", stdout=out, stderr=err)
    token = out.getvalue().strip()
    assert len(token) == 64 and "valid until" in err.getvalue()
    assert AuthToken.objects.get().expiry < timezone.now() + timedelta(days=2, minutes=1)
    assert patch_verdict(api, token, Claim.objects.first()).status_code == 200


def test_migration_hashes_existing_plain_text_tokens(api, imported_seed, editor):
    # Rows as DRF stored them before the upgrade (bulk_create sends no post_save).
    Token.objects.bulk_create([Token(key="ab" * 20, user=editor)])
    migration = importlib.import_module("articles.migrations.0022_accounts_hash_api_tokens")
    migration.hash_tokens(apps, None)
    plain, hashed = stored_values()
    assert plain == [] and "ab" * 20 not in hashed
    assert patch_verdict(api, "ab" * 20, Claim.objects.first()).status_code == 200  # clients keep working
