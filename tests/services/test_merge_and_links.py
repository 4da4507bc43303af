"""The merge and link services on their own (the API and the admin call them)."""
import pytest

from articles.entities import merge
from articles.models import Claim, ClaimLink, Person, PersonAlias, ReviewEvent
from articles.services import links

pytestmark = pytest.mark.django_db


def test_merge_people_moves_claims_aliases_and_names(imported_seed, editor):
    keep, other = Person.objects.order_by("id")[:2]
    n_keep, n_other = Claim.objects.filter(speaker=keep).count(), Claim.objects.filter(speaker=other).count()
    other_name = other.name
    merge.merge_people(keep, [other])
    assert not Person.objects.filter(pk=other.pk).exists()
    assert Claim.objects.filter(speaker=keep).count() == n_keep + n_other
    assert PersonAlias.objects.filter(person=keep, name=other_name).exists()


def test_merge_refuses_nothing_to_merge(imported_seed):
    keep = Person.objects.first()
    with pytest.raises(merge.MergeError):
        merge.merge_people(keep, [keep])


def test_links_are_recorded_in_both_claims_history(imported_seed, editor):
    a, b = Claim.objects.order_by("id")[:2]
    link = links.create_link(a, b, "contradicts", editor, "see figures")
    assert ReviewEvent.objects.filter(claim=a).count() == 1 and ReviewEvent.objects.filter(claim=b).count() == 1
    links.update_link(link, editor, relation="supports")
    assert ClaimLink.objects.get(pk=link.pk).relation == "supports"
    assert ReviewEvent.objects.filter(claim=b).count() == 2
    links.delete_link(ClaimLink.objects.get(pk=link.pk), editor)
    assert not ClaimLink.objects.exists() and ReviewEvent.objects.filter(claim=a).count() == 3
