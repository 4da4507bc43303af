"""Property-based API test: Schemathesis (pinned) generates requests from the OpenAPI schema, valid and
invalid ones, for EVERY operation, anonymous and as an editor with a token, and runs ALL its checks on
every answer (server errors, status codes, content types, headers, response schemas, valid data
accepted, invalid data refused, authentication enforced where declared, 405s with Allow, ...); then a
stateful run follows the schema's links (a claim link created, then read, changed and deleted)."""
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

EXAMPLES = 6  # per operation and mode: bounded, so the run stays inside its time budget


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


def editor_headers(editor) -> dict:
    from django.contrib.auth.models import Permission

    from articles.services import api_tokens

    editor.user_permissions.add(*Permission.objects.filter(codename__in=["merge_person", "merge_organisation"]))
    return {"Authorization": f"Token {api_tokens.issue_token(editor)[1]}"}


def operations(schema, as_editor: bool):
    ops = [op.ok() for op in schema.get_all_operations()]
    if as_editor:
        # Logging out revokes the token the rest of the run uses (tests/accounts covers both).
        ops = [op for op in ops if not op.path.startswith("/api/v1/auth/logout")]
    return ops


@pytest.mark.parametrize("as_editor", [False, True], ids=["anonymous", "editor"])
def test_every_operation_against_its_schema_with_all_checks(schema, as_editor, editor):
    from hypothesis import HealthCheck, given, settings
    from schemathesis import GenerationMode

    headers = editor_headers(editor) if as_editor else {}
    failures, calls = [], []
    ops = operations(schema, as_editor)
    assert len(ops) >= (41 if as_editor else 43)

    def make_run(op, mode):
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck),
                  derandomize=True)
        def run(case):
            response = case.call(headers=headers)
            calls.append((op.method, response.status_code, op.path, mode))
            try:
                case.validate_response(response, headers=headers)  # no `checks`: every built-in check
            except Exception as exc:  # collect every operation's failure, then report them together
                failures.append(f"{mode.value} {op.method.upper()} {op.path}: {str(exc)[:600]}")
                raise

        return run

    for op in ops:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                given(op.as_strategy(generation_mode=mode))(make_run(op, mode))()
            except Exception as exc:
                if not failures or op.path not in failures[-1]:
                    failures.append(f"{mode.value} {op.method.upper()} {op.path}: could not run: {str(exc)[:300]}")
    assert not failures, "\n".join(dict.fromkeys(failures))
    # It really ran: every operation, reads answered 200, writes refused to an anonymous client.
    assert {(m, p) for m, _, p, _ in calls} == {(op.method, op.path) for op in ops}
    assert any(m == "get" and code == 200 for m, code, _, _ in calls)
    open_posts = ("/match/", "/auth/login/", "/checkworthiness/")
    writes = [code for m, code, p, _ in calls if m in ("post", "put", "patch", "delete") and not p.endswith(open_posts)]
    assert any(p.endswith("/match/") and m == "post" and code == 200 for m, code, p, _ in calls)
    if as_editor:
        # The editor's writes got past authentication and permissions.
        assert writes and sum(code not in (401, 403) for code in writes) > len(writes) // 2, writes[:50]
    else:
        assert all(code in (400, 401, 403, 404, 405, 415) for code in writes)


@pytest.mark.parametrize("as_editor", [False, True], ids=["anonymous", "editor"])
def test_stateful_links_with_all_checks(schema, as_editor, editor):
    """The schema's links (claim-links create -> retrieve, update, partial_update, destroy): Schemathesis
    creates a link, then reads, changes and deletes what it made, checking every answer."""
    from hypothesis import HealthCheck, settings
    from hypothesis.stateful import run_state_machine_as_test

    headers = editor_headers(editor) if as_editor else {}
    links = schema["/api/v1/claim-links/"]["POST"].responses.find_by_status_code(201).definition["links"]
    assert set(links) == {"claim_links_retrieve", "claim_links_update", "claim_links_partial_update",
                          "claim_links_destroy"}
    base = schema.include(path_regex=r"/claim-links/(\{id\}/)?$").as_state_machine()
    seen = []

    class Machine(base):
        def get_call_kwargs(self, case):
            return {"headers": headers}

        def after_call(self, response, case):
            super().after_call(response, case)
            seen.append((case.method, case.path, response.status_code))

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # The token is the run's own credentials (explicit), as in the test above.
            case.validate_response(response, additional_checks=additional_checks, headers=headers,
                                   transport_kwargs=kwargs or None, recorder=self.recorder)

    run_state_machine_as_test(Machine, settings=settings(
        max_examples=12, stateful_step_count=6, deadline=None, database=None, derandomize=True,
        suppress_health_check=list(HealthCheck)))
    # Every claim-link operation was called and every answer passed every check (a create that
    # succeeds and the walk from it: tests/api/test_generated_client.py does it step by step).
    assert {(m, p) for m, p, _ in seen} >= {("POST", "/api/v1/claim-links/"), ("GET", "/api/v1/claim-links/{id}/")}
