"""Property-based API test: schemathesis generates requests from the OpenAPI schema and checks
that the API never answers with a server error or a response that breaks its own schema."""
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def schema(imported_seed, settings):
    import schemathesis
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    # Calls straight into the WSGI app fire request_finished, which would close the test's own
    # database connection (and its transaction); Django's test client detaches it the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("as_editor", [False, True], ids=["anonymous", "editor"])
def test_api_against_its_schema(schema, as_editor, editor):
    from hypothesis import HealthCheck, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

    checks = [not_a_server_error, response_schema_conformance, content_type_conformance]
    headers = {}
    if as_editor:
        # An Editor's writes too: reviews, evidence, links and merges must never be a server error.
        from django.contrib.auth.models import Permission

        from articles.services import api_tokens

        editor.user_permissions.add(*Permission.objects.filter(codename__in=["merge_person", "merge_organisation"]))
        headers = {"Authorization": f"Token {api_tokens.issue_token(editor)[1]}"}
    failures = []
    calls = []
    ops = [op.ok() for op in schema.get_all_operations()]
    if as_editor:
        # Logging out revokes the token the rest of the run uses (tests/accounts covers both).
        ops = [op for op in ops if not op.path.startswith("/api/v1/auth/logout")]
    assert len(ops) >= 20
    def make_run(op):
        @settings(max_examples=15, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck), derandomize=True)
        def run(case):
            response = case.call(headers=headers)
            calls.append((op.method, response.status_code, op.path))
            try:
                case.validate_response(response, checks=checks)
            except Exception as exc:  # collect every operation's failure, then report them together
                failures.append(f"{op.method.upper()} {op.path}: {str(exc)[:300]}")
                raise

        return run

    from hypothesis import given

    for op in ops:
        try:
            given(op.as_strategy())(make_run(op))()
        except Exception as exc:
            if not failures or op.path not in failures[-1]:
                failures.append(f"{op.method.upper()} {op.path}: could not run: {str(exc)[:300]}")
    assert not failures, "\n".join(dict.fromkeys(failures))
    # It really ran: many requests, reads answered 200, writes refused to an anonymous client.
    assert len(calls) >= 200
    assert any(m == "get" and code == 200 for m, code, _ in calls)
    # POST /factchecks/match/ and /checkworthiness/ only carry texts to score: reads, open to anyone;
    # POST /auth/login/ is how a client gets a token (generated credentials are wrong: 400, then 429
    # once axes locks them out).
    open_posts = ("/match/", "/auth/login/", "/checkworthiness/")
    writes = [code for m, code, p in calls if m in ("post", "put", "patch", "delete") and not p.endswith(open_posts)]
    assert {code for m, code, p in calls if p.endswith("/auth/login/")} <= {400, 429}
    assert any(p.endswith("/match/") and m == "post" and code == 200 for m, code, p in calls)
    if as_editor:
        # The editor's writes got past authentication and permissions (whether a generated id exists
        # differs by database: ids are not reset between tests on PostgreSQL).
        assert writes and sum(code not in (401, 403) for code in writes) > len(writes) // 2, writes[:50]
    else:
        assert all(code in (401, 403, 404, 405) for code in writes)
