"""Every stored claim records what kind of source names it (person, organisation, pronoun, group,
document, unresolved); the API shows and filters it, the admin filters it, and an editor who names
the speaker resolves it. Sentences written for these tests."""
from articles.ingestion import persistence
from articles.models import Claim, Person
from articles.services import reader, review

BODY = ("Senator Jane Doe said that the plan would cut the deficit by half. "
        "Several economists said the cuts would slow growth. "
        "The new survey found that most families spend less on food.")


def _import(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Plan unveiled\n\n3 March 2019\n\n{BODY}\n\n- The Example\n", encoding="utf-8")
    return persistence.store([reader.prepare(path, 10**6, [])], persistence.RunCache())


def test_the_import_stores_each_claims_source_kind(db, tmp_path):
    assert [r.status for r in _import(tmp_path)] == ["created"]
    kinds = {c.text: c.source_kind for c in Claim.objects.all()}
    assert kinds["that the plan would cut the deficit by half"] == "person"
    assert kinds["the cuts would slow growth"] == "group"
    assert kinds["that most families spend less on food"] == "document"


def test_the_api_shows_and_filters_the_source_kind(db, tmp_path, api):
    _import(tmp_path)
    listed = api.get("/api/v1/claims/?source_kind=group").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["text"] for r in rows] == ["the cuts would slow growth"]
    assert rows[0]["source_kind"] == "group" and rows[0]["speaker"] is None and rows[0]["organisation"] is None
    assert api.get("/api/v1/claims/?source_kind=nonsense").status_code == 400


def test_an_editor_naming_the_speaker_resolves_the_source(db, tmp_path, django_user_model):
    _import(tmp_path)
    claim = Claim.objects.get(source_kind="group")
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    claim.speaker = Person.objects.create(name="Ann Smith")
    review.editor_save(claim, editor, ["speaker"])
    claim.refresh_from_db()
    assert claim.source_kind == "person"


def test_the_admin_filters_by_source_kind(db, tmp_path, client, django_user_model):
    _import(tmp_path)
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    page = client.get("/admin/articles/claim/?source_kind__exact=document").content.decode()
    assert "most families spend less on food" in page
    assert "the cuts would slow growth" not in page


def test_the_migration_gives_claims_stored_before_it_the_kind_their_records_decide(transactional_db):
    """Claims stored before the field existed: a speaker makes 'person', an organisation alone
    'organisation'; the kinds their words decide wait for the re-extraction."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("articles", "0029_stages_claim_frame")], [("articles", "0030_claim_source_kind")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    article = old.get_model("articles", "Article").objects.create(title="Old", body="x" * 40, published="2016-01-01")
    person = old.get_model("articles", "Person").objects.create(name="Jane Doe")
    org = old.get_model("articles", "Organisation").objects.create(name="Example Bank")
    OldClaim = old.get_model("articles", "Claim")
    ids = [OldClaim.objects.create(article=article, text=t, start=0, end=1, key=t, **kw).pk for t, kw in
           (("a", {"speaker": person}), ("b", {"organisation": org}), ("c", {"speaker_text": "experts"}))]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("articles", "Claim")
    assert [new.objects.get(pk=i).source_kind for i in ids] == ["person", "organisation", ""]
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
