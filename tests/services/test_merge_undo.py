"""Safe merges: the real record pre-selected, what would move shown, history written, and an undo
that brings the merged records back with what they had."""
import re

import pytest
from django.contrib.admin.models import LogEntry

from articles.entities import merge
from articles.models import (
    Affiliation,
    Article,
    Claim,
    Mention,
    MergeRecord,
    Organisation,
    Person,
    PersonAlias,
)


def state(person_id):
    p = Person.objects.get(pk=person_id)
    return {
        "name": p.name, "key": p.key, "gender": p.gender,
        "aliases": sorted(PersonAlias.objects.filter(person=p).values_list("name", "key", "is_name")),
        "claims": sorted(Claim.objects.filter(speaker=p).values_list("pk", flat=True)),
        "mentions": sorted(Mention.objects.filter(person=p).values_list("pk", flat=True)),
        "mentioned_in": sorted(p.mentioned_in_claims.values_list("pk", flat=True)),
        "affiliations": sorted(Affiliation.objects.filter(person=p).values_list("role", "organisation_id", "article_id")),
    }


def test_merge_then_undo_restores_both_records_exactly(imported_seed, editor):
    speakers = sorted(Person.objects.all(), key=lambda p: -p.claims.count())
    keep, other = speakers[0], speakers[1]
    assert other.claims.exists() and other.aliases.exists()
    before_keep, before_other = state(keep.pk), state(other.pk)
    other_id, other_name = other.pk, other.name
    merge.merge_people(keep, [other], editor)
    assert not Person.objects.filter(pk=other_id).exists()
    rec = MergeRecord.objects.get()
    assert rec.kept_person == keep and rec.merged_names == [other_name]
    assert rec.moved["claims"] == len(before_other["claims"]) > 0
    assert LogEntry.objects.filter(object_id=str(keep.pk), change_message__contains=f"Merged {other_name}").exists()
    restored = merge.undo(rec, editor)
    assert [p.pk for p in restored] == [other_id]
    assert state(keep.pk) == before_keep
    assert state(other_id) == before_other
    rec.refresh_from_db()
    assert rec.undone_at and rec.undone_by == editor
    with pytest.raises(merge.UndoError, match="already undone"):
        merge.undo(rec, editor)


def test_editor_changes_after_the_merge_are_kept_by_the_undo(imported_seed, editor):
    keep, other = sorted(Person.objects.all(), key=lambda p: -p.claims.count())[:2]
    moved_claim, untouched = other.claims.all()[:2]
    other_name = other.name
    merge.merge_people(keep, [other], editor)
    third = Person.objects.exclude(pk=keep.pk).first()
    Claim.objects.filter(pk=moved_claim.pk).update(speaker=third)  # an editor re-attributed it since
    merge.undo(MergeRecord.objects.get(), editor)
    assert Claim.objects.get(pk=moved_claim.pk).speaker == third
    assert Claim.objects.get(pk=untouched.pk).speaker.name == other_name


def test_organisation_merge_undo_gives_back_published_articles(imported_seed, editor):
    publisher = imported_seed.publisher
    pub_id, pub_name = publisher.pk, publisher.name
    other = Organisation.objects.exclude(pk=pub_id).first()
    merge.merge_organisations(other, [publisher], editor)
    assert Article.objects.get().publisher == other
    merge.undo(MergeRecord.objects.get(), editor)
    assert Article.objects.get().publisher_id == pub_id
    assert Organisation.objects.get(pk=pub_id).name == pub_name
    assert not other.aliases.filter(name=pub_name).exists()


def test_admin_merge_preselects_the_record_with_most_claims_and_undo_from_its_page(client, imported_seed, editor):
    real = sorted(Person.objects.all(), key=lambda p: -p.claims.count())[0]
    bogus = Person.objects.create(name="House Speaker", key="house speaker")  # a role taken for a name: 0 claims
    client.force_login(editor)
    page = client.post("/admin/articles/person/", {"action": "merge_selected", "_selected_action": [bogus.pk, real.pk]})
    html = page.content.decode()
    checked = re.search(r'<input type="radio" name="keep" value="(\d+)"[^>]*checked', html)
    assert checked and int(checked.group(1)) == real.pk
    assert "would move" in html and re.search(r"\d+ claims", html)
    r = client.post("/admin/articles/person/", {"action": "merge_selected", "_selected_action": [bogus.pk, real.pk],
                                                 "confirm": "yes", "keep": real.pk})
    assert r.status_code == 302 and not Person.objects.filter(pk=bogus.pk).exists()
    html = client.get(f"/admin/articles/person/{real.pk}/change/").content.decode()
    rec = MergeRecord.objects.get()
    assert "House Speaker" in html and f'formaction="/admin/articles/person/{real.pk}/undo-merge/{rec.pk}/"' in html
    history = client.get(f"/admin/articles/person/{real.pk}/history/").content.decode()
    assert "Merged House Speaker into this record" in history
    r = client.post(f"/admin/articles/person/{real.pk}/undo-merge/{rec.pk}/")
    assert r.status_code == 302
    assert Person.objects.get(pk=bogus.pk).name == "House Speaker"


def test_undo_needs_the_merge_permission(client, imported_seed, editor, viewer):
    keep, other = sorted(Person.objects.all(), key=lambda p: -p.claims.count())[:2]
    merge.merge_people(keep, [other], editor)
    rec = MergeRecord.objects.get()
    client.force_login(viewer)
    client.post(f"/admin/articles/person/{keep.pk}/undo-merge/{rec.pk}/")
    rec.refresh_from_db()
    assert rec.undone_at is None


def test_merges_and_undos_clear_the_admin_filter_lists(imported_seed, editor, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from articles.services.filter_cache import PUBLISHERS_CACHE, TOP_SPEAKERS_CACHE

    keep, other = sorted(Person.objects.all(), key=lambda p: -p.claims.count())[:2]
    cache.set(TOP_SPEAKERS_CACHE, [{"speaker": other.pk}], 300)
    cache.set(PUBLISHERS_CACHE, [(1, "x")], 300)
    with django_capture_on_commit_callbacks(execute=True):
        merge.merge_people(keep, [other], editor)
    assert cache.get(TOP_SPEAKERS_CACHE) is None and cache.get(PUBLISHERS_CACHE) is None
    cache.set(TOP_SPEAKERS_CACHE, [], 300)
    with django_capture_on_commit_callbacks(execute=True):
        merge.undo(MergeRecord.objects.get(), editor)
    assert cache.get(TOP_SPEAKERS_CACHE) is None


def _seed(folder, body, name="talks.txt"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"Headline of talks\n\n3 March 2016\n\n{body}\n\n- The Example\n", encoding="utf-8")
    return path


TALKS = ("Theresa May said the deal would protect jobs in every region of the country.\n\n"
         "Boris Johnson said the talks would finish before the summer recess.\n\n"
         "Mrs May told reporters that the cabinet was united behind the plan.")


def test_undo_after_a_reimport_repoints_the_rows_that_exist_now(client, tmp_path, editor):
    """Audit 3, D10: a re-import makes the article's mentions (and changed claims) again under new ids;
    the undo finds them by span, key or the words naming the restored person, never a 500."""
    from django.core.management import call_command

    path = _seed(tmp_path, TALKS)
    call_command("import_seeds", str(path), verbosity=0)
    keep, other = Person.objects.get(name="Boris Johnson"), Person.objects.get(name="Theresa May")
    her_mentions = sorted(Mention.objects.filter(person=other).values_list("text", flat=True))
    her_claims = Claim.objects.filter(speaker=other).count()
    assert her_mentions and her_claims
    merge.merge_people(keep, [other], editor)
    rec = keep.merges.get()
    path.write_text(path.read_text().replace("every region", "all regions"))  # a correction, re-imported
    call_command("import_seeds", str(path), verbosity=0)
    client.force_login(editor)
    r = client.post(f"/admin/articles/person/{keep.pk}/undo-merge/{rec.pk}/")
    assert r.status_code == 302
    rec.refresh_from_db()
    assert rec.undone_at is not None
    back = Person.objects.get(name="Theresa May")
    assert sorted(Mention.objects.filter(person=back).values_list("text", flat=True)) == her_mentions
    assert Claim.objects.filter(speaker=back).count() == her_claims
    assert not Claim.objects.filter(speaker=keep, speaker_text__icontains="May").exists()
    assert not Mention.objects.filter(person=keep, text__icontains="May").exists()
    assert Claim.objects.filter(speaker=keep).count() == 1


def test_undo_leaves_out_rows_that_no_longer_exist(tmp_path, editor):
    from django.core.management import call_command

    path = _seed(tmp_path, TALKS)
    call_command("import_seeds", str(path), verbosity=0)
    keep, other = Person.objects.get(name="Boris Johnson"), Person.objects.get(name="Theresa May")
    merge.merge_people(keep, [other], editor)
    path.write_text(path.read_text().replace("Mrs May told reporters that the cabinet was united behind the plan.",
                                             "The cabinet met."))
    call_command("import_seeds", str(path), verbosity=0)
    restored = merge.undo(keep.merges.get(), editor)
    assert [p.name for p in restored] == ["Theresa May"]
    assert not Claim.objects.filter(text__contains="united behind").exists()  # not brought back from the snapshot
    assert LogEntry.objects.filter(object_id=str(keep.pk), change_message__contains="no longer exist").exists()


def test_organisation_undo_after_a_reimport_and_a_deleted_article(tmp_path, editor):
    from django.core.management import call_command

    path = _seed(tmp_path, "The Acme Foundation said prices would rise in every region.\n\n"
                           "The Zenith Trust said prices would fall.")
    call_command("import_seeds", str(path), verbosity=0)
    other_file = _seed(tmp_path, "The Acme Foundation said the plan was late.", "plan.txt")
    call_command("import_seeds", str(other_file), verbosity=0)
    keep, other = Organisation.objects.get(name="Zenith Trust"), Organisation.objects.get(name="Acme Foundation")
    publisher = Article.objects.first().publisher
    merge.merge_organisations(keep, [other, publisher], editor)
    path.write_text(path.read_text().replace("every region", "all regions"))
    call_command("import_seeds", str(path), verbosity=0)
    gone_id = Article.objects.get(source_file="plan.txt").pk
    Article.objects.filter(pk=gone_id).delete()
    merge.undo(keep.merges.get(), editor)
    back = Organisation.objects.get(name="Acme Foundation")
    assert not Article.objects.filter(pk=gone_id).exists()  # not brought back from the snapshot
    assert set(Article.objects.values_list("publisher__name", flat=True)) == {publisher.name}
    assert Claim.objects.filter(organisation=back).count() == 1
    assert not Claim.objects.filter(organisation=keep, speaker_text__icontains="Acme").exists()
