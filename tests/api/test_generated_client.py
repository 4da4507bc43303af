"""The API as a consumer meets it: a Python client generated from `manage.py spectacular` by
openapi-python-client (pinned in the test extra), every module imported, and every operation called
against gunicorn (the shipped config) on a database seeded here; every answer parses into its model."""
import importlib
import json
import pkgutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.api.test_match_flood import free_port
from tests.conftest import ROOT, SEED
from tests.helpers import env_for, manage, sqlite_url

pytestmark = pytest.mark.slow

EDITOR = """
from django.contrib.auth.models import Group, Permission, User
u = User.objects.create_user("apiclient", password="pw-apiclient-1", is_staff=True)
u.groups.add(Group.objects.get(name="Editors"))
u.user_permissions.add(*Permission.objects.filter(codename__in=["merge_person", "merge_organisation"]))
"""
LIBRARY = {"@type": "ClaimReview", "url": "https://checks.example/nato", "author": {"name": "Snopes"},
           "claimReviewed": "Donald Trump will encourage NATO to withdraw its forces from the borders of Russia.",
           "reviewRating": {"alternateName": "Mostly false"}}


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """A seeded database, its schema, the client generated from it and gunicorn serving it."""
    tmp = tmp_path_factory.mktemp("client")
    url = sqlite_url(tmp / "db.sqlite3")
    seeds = tmp / "seeds"
    seeds.mkdir()
    (seeds / SEED.name).write_bytes(SEED.read_bytes())
    (tmp / "lib.jsonl").write_text(json.dumps(LIBRARY) + "\n")
    manage(url, "migrate", "--noinput")
    manage(url, "import_factchecks", tmp / "lib.jsonl")
    manage(url, "import_seeds", seeds)
    manage(url, "shell", "-c", EDITOR)
    manage(url, "spectacular", "--file", tmp / "schema.yaml")
    (tmp / "gen.yaml").write_text("post_hooks: []\n")
    subprocess.run([str(Path(sys.executable).with_name("openapi-python-client")), "generate", "--path",
                    str(tmp / "schema.yaml"), "--config", str(tmp / "gen.yaml"), "--meta", "none",
                    "--output-path", str(tmp / "claimsdb_client")], check=True, capture_output=True, cwd=tmp)
    port = free_port()
    env = {**env_for(url), "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2",
           "GUNICORN_ACCESS_LOG": "/dev/null", "CLAIMSDB_MATCH_INDEX_DIR": str(tmp / "index")}
    server = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py",
                               "claimsdb.wsgi"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/api/v1/claims/?page_size=1", timeout=5).read()
            break
        except OSError:
            time.sleep(0.2)
    sys.path.insert(0, str(tmp))
    try:
        yield {"base": base, "schema": yaml.safe_load((tmp / "schema.yaml").read_text())}
    finally:
        sys.path.remove(str(tmp))
        server.terminate()
        server.wait(timeout=30)


def test_every_module_of_the_generated_client_imports(live):
    api = importlib.import_module("claimsdb_client.api")
    modules = [m.name for m in pkgutil.walk_packages(api.__path__, "claimsdb_client.api.") if not m.ispkg]
    for name in modules:
        importlib.import_module(name)  # a NameError (Unset), a SyntaxError: the schema misled the generator
    operations = [op for path in live["schema"]["paths"].values() for op in path.values()]
    assert len(modules) == len(operations) >= 43


def op(name: str):
    group, _, _ = name.partition(".")
    return importlib.import_module(f"claimsdb_client.api.{name}")


def call(name, client, ok=(200,), **kwargs):
    """One operation through the generated client: the status the schema promises, a parsed model."""
    r = op(name).sync_detailed(client=client, **kwargs)
    assert r.status_code in ok, (name, r.status_code, r.content[:300])
    if r.status_code != 204:
        assert r.parsed is not None, (name, r.content[:300])
    return r.parsed


def models():
    return importlib.import_module("claimsdb_client.models")


def test_every_operation_through_the_generated_client(live):  # noqa: PLR0915 (one walk through the API)
    client_mod = importlib.import_module("claimsdb_client")
    m = models()
    anon = client_mod.Client(base_url=live["base"], raise_on_unexpected_status=True)
    login = call("auth.auth_login_create", anon,
                 body=m.TokenLoginRequest.from_dict({"username": "apiclient", "password": "pw-apiclient-1"}))
    editor = client_mod.AuthenticatedClient(base_url=live["base"], token=login.token, prefix="Token",
                                            raise_on_unexpected_status=True)
    # Every read, anonymous and as the editor; the lists give the ids the rest uses.
    for who in (anon, editor):
        articles = call("articles.articles_list", who, page_size=5).results
        claims = call("claims.claims_list", who, page_size=10).results
        people = call("people.people_list", who, ordering="id").results
        orgs = call("organisations.organisations_list", who, ordering="id").results
        stats = call("statistics.statistics_list", who).results
        checks = call("factchecks.factchecks_list", who).results
        families = call("claim_families.claim_families_list", who).results
        call("claim_links.claim_links_list", who)
        call("claimreview.claimreview_list", who)
        call("articles.articles_retrieve", who, id=articles[0].id)
        call("claims.claims_retrieve", who, id=claims[0].id)
        assert isinstance(call("claims.claims_history_list", who, id=claims[0].id), list)
        call("people.people_retrieve", who, id=people[0].id)
        call("people.people_record_retrieve", who, id=people[0].id)
        call("organisations.organisations_retrieve", who, id=orgs[0].id)
        call("organisations.organisations_record_retrieve", who, id=orgs[0].id)
        call("statistics.statistics_retrieve", who, id=stats[0].id)
        call("factchecks.factchecks_retrieve", who, id=checks[0].id)
        if families:
            call("claim_families.claim_families_retrieve", who, id=families[0].id)
        found = call("factchecks.factchecks_match_retrieve", who, text="NATO forces on the borders of Russia")
        assert found.results and found.results[0].id == checks[0].id
        call("factchecks.factchecks_match_create", who,
             body=m.MatchQueryRequest.from_dict({"text": "Trump and NATO", "names": ["NATO"]}))
        scores = call("checkworthiness.checkworthiness_create", who,
                      body=m.CheckworthinessRequestRequest.from_dict({"texts": ["Unemployment fell to 4 percent."]}))
        assert 0 <= scores.results[0].score <= 1
    assert len(articles) == 1 and len(claims) == 10 and len(people) >= 3 and len(orgs) >= 3
    a, b = claims[0].id, claims[1].id
    # The writes: PATCH a claim (then it has a ClaimReview), PUT it, a link created, read back,
    # changed and deleted, match feedback, a suggested verdict, merges, renames, a statistic.
    body = {"status": "checked", "verdict": "false", "rationale": "Wrong.",
            "evidence": [{"url": "https://example.org/source", "title": "Source"}]}
    patched = call("claims.claims_partial_update", editor, id=a, body=m.PatchedClaimRequest.from_dict(body))
    assert (patched.verdict, patched.reviewer, patched.evidence[0].url) == ("false", "apiclient",
                                                                          "https://example.org/source")
    # published now: a new rationale is an update on the record, with its reason
    call("claims.claims_update", editor, id=a, if_match=f'"{patched.version}"',
         body=m.ClaimRequest.from_dict({"rationale": "Wrong, as shown.", "correction_kind": "update",
                                        "correction_reason": "The source's table added."}))
    assert call("claims.claims_claimreview_retrieve", anon, id=a)
    assert len(call("claims.claims_history_list", editor, id=a)) >= 2
    link = call("claim_links.claim_links_create", editor, ok=(201,),
                body=m.ClaimLinkRequest.from_dict({"source": a, "target": b, "relation": "contradicts"}))
    again = call("claim_links.claim_links_retrieve", anon, id=link.id)
    assert (again.source, again.target, again.relation) == (a, b, "contradicts")
    assert {"id": link.id, "relation": "contradicts", "direction": "incoming", "claim": a} in [
        x.to_dict() for x in call("claims.claims_retrieve", anon, id=b).links]
    call("claim_links.claim_links_partial_update", editor, id=link.id,
         body=m.PatchedClaimLinkRequest.from_dict({"note": "Same figure, other year."}))
    call("claim_links.claim_links_update", editor, id=link.id,
         body=m.ClaimLinkRequest.from_dict({"source": a, "target": b, "relation": "supports"}))
    call("claim_links.claim_links_destroy", editor, ok=(204,), id=link.id)
    call("claims.claims_match_feedback_create", editor, id=a,
         body=m.MatchFeedbackRequest.from_dict({"factcheck": checks[0].id, "answer": "rejected"}))
    # No checked appearance elsewhere: the documented 409, parsed as the Conflict envelope.
    none = call("claims.claims_confirm_suggested_verdict_create", editor, ok=(200, 409), id=b)
    assert getattr(none, "code", "conflict") == "conflict"
    keep, gone = people[0], people[1]
    merged = call("people.people_merge_create", editor, id=keep.id, body=m.MergeRequest.from_dict({"merge": [gone.id]}))
    assert merged.claim_count >= keep.claim_count
    assert op("people.people_retrieve").sync_detailed(client=anon, id=gone.id).status_code == 404
    call("organisations.organisations_merge_create", editor, id=orgs[0].id,
         body=m.MergeRequest.from_dict({"merge": [orgs[1].id]}))
    call("people.people_partial_update", editor, id=keep.id,
         body=m.PatchedPersonRequest.from_dict({"description": "A speaker."}))
    call("people.people_update", editor, id=keep.id, body=m.PersonRequest.from_dict({"name": keep.name}))
    call("organisations.organisations_partial_update", editor, id=orgs[0].id,
         body=m.PatchedOrganisationRequest.from_dict({"description": "An organisation."}))
    call("organisations.organisations_update", editor, id=orgs[0].id,
         body=m.OrganisationRequest.from_dict({"name": orgs[0].name}))
    stat = stats[0]
    call("statistics.statistics_partial_update", editor, id=stat.id,
         body=m.PatchedStatisticRequest.from_dict({"period": "2016"}))
    updated = call("statistics.statistics_update", editor, id=stat.id,
                   body=m.StatisticRequest.from_dict({"value": "1.5", "unit": stat.unit}))
    assert updated.value == "1.5"
    # An error parses as the envelope; then the tokens are revoked.
    err = op("claims.claims_partial_update").sync_detailed(
        client=editor, id=a, body=m.PatchedClaimRequest.from_dict({"evidence": [{"url": "not a url"}]}))
    assert err.status_code == 400 and err.parsed.code == "invalid" and "evidence.0.url" in err.parsed.errors.to_dict()
    call("auth.auth_logout_create", editor, ok=(204,))
    second = call("auth.auth_login_create", anon,
                  body=m.TokenLoginRequest.from_dict({"username": "apiclient", "password": "pw-apiclient-1"}))
    other = client_mod.AuthenticatedClient(base_url=live["base"], token=second.token, prefix="Token")
    call("auth.auth_logoutall_create", other, ok=(204,))
