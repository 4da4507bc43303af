"""One error envelope for every 4xx: {"detail", "code", "errors"?}; JSON is the only request format."""
import pytest

from articles.api.errors import flatten
from articles.models import Claim
from articles.services import api_tokens

pytestmark = pytest.mark.django_db


def test_nested_validation_errors_flatten_to_paths():
    assert flatten({"speaker": ["bad"], "evidence": [{"url": ["x"]}, {}], "names": {0: ["long"]}}) == {
        "speaker": ["bad"], "evidence.0.url": ["x"], "names.0": ["long"]}
    assert flatten(["whole"]) == {"non_field_errors": ["whole"]}


def test_every_error_is_the_envelope(api, imported_seed, editor):
    claim = Claim.objects.first()
    cases = [
        (api.get("/api/v1/claims/999999/"), 404, "not_found"),
        (api.patch(f"/api/v1/claims/{claim.id}/", {"status": "checked"}), 401, "not_authenticated"),
        (api.get("/api/v1/claims/?page=2", HTTP_AUTHORIZATION="Token nonsense"), 401, "authentication_failed"),
        (api.delete(f"/api/v1/claims/{claim.id}/", HTTP_AUTHORIZATION="Token x"), 401, "authentication_failed"),
    ]
    token = api_tokens.issue_token(editor)[1]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert api.patch(f"/api/v1/claims/{claim.id}/", {"rationale": "first"}, **auth).status_code == 200
    claim.refresh_from_db()
    cases += [
        (api.get("/api/v1/checkworthiness/", **auth), 405, "method_not_allowed"),
        (api.patch(f"/api/v1/claims/{claim.id}/", {"evidence": [{"url": "no"}]}, **auth), 400, "invalid"),
        (api.patch(f"/api/v1/claims/{claim.id}/", "status=checked", content_type="application/x-www-form-urlencoded",
                   **auth), 415, "unsupported_media_type"),
        (api.patch(f"/api/v1/claims/{claim.id}/", "{", content_type="application/json", **auth), 400, "parse_error"),
        (api.patch(f"/api/v1/claims/{claim.id}/", {"status": "checked", "version": claim.version - 1}, **auth),
         409, "conflict"),
    ]
    for r, status, code in cases:
        body = r.json()
        assert (r.status_code, body["code"]) == (status, code), body
        assert isinstance(body["detail"], str) and body["detail"]
        assert set(body) <= {"detail", "code", "errors", "version"}
    assert cases[1][0]["WWW-Authenticate"] == "Token"
    assert cases[5][0].json()["errors"] == {"evidence.0.url": ["Enter an http:// or https:// address."]}
    assert cases[8][0].json()["version"] == claim.version


def test_json_is_the_only_request_format(api, imported_seed, editor):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(editor)
    claim = Claim.objects.first()
    r = client.patch(f"/api/v1/claims/{claim.id}/", {"rationale": "x"}, format="multipart")
    assert r.status_code == 415 and r.json()["code"] == "unsupported_media_type"
    assert client.patch(f"/api/v1/claims/{claim.id}/", {"rationale": "x"}, format="json").status_code == 200
