"""Every stored claim records the extraction frame that placed it; the API shows it, read only."""
from articles.ingestion import persistence
from articles.models import Claim
from articles.services import reader

BODY = ("Senator Jane Doe of the Budget Committee said that the plan would cut the deficit by half. "
        '"We will balance the books," Doe said.')


def _import(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Plan unveiled\n\n3 March 2019\n\n{BODY}\n\n- The Example\n", encoding="utf-8")
    return persistence.store([reader.prepare(path, 10**6, [])], persistence.RunCache())


def test_the_import_stores_each_claims_frame(db, tmp_path):
    assert [r.status for r in _import(tmp_path)] == ["created"]
    frames = {c.text: c.frame for c in Claim.objects.all()}
    assert frames == {"that the plan would cut the deficit by half": "that_clause",
                      '"We will balance the books,"': "quotes_before"}, frames


def test_the_api_shows_the_frame_and_ignores_writes_to_it(db, tmp_path, api, django_user_model):
    _import(tmp_path)
    claim = Claim.objects.get(frame="quotes_before")
    listed = api.get("/api/v1/claims/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert {r["id"]: r["frame"] for r in rows}[claim.id] == "quotes_before"
    assert api.get(f"/api/v1/claims/{claim.id}/").json()["frame"] == "quotes_before"
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    api.force_authenticate(editor)
    api.patch(f"/api/v1/claims/{claim.id}/", {"frame": "made_up", "version": claim.version}, format="json")
    claim.refresh_from_db()
    assert claim.frame == "quotes_before"


def test_the_admin_shows_the_frame_read_only(db, tmp_path, client, django_user_model):
    _import(tmp_path)
    claim = Claim.objects.get(frame="that_clause")
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    page = client.get(f"/admin/articles/claim/{claim.id}/change/").content.decode()
    assert "that_clause" in page
    assert 'name="frame"' not in page  # shown, not an input
