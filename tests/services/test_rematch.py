"""Matching after a library import resumes from the database: what changed since the claims were
last matched is matched (incrementally), also when the run that stored it stopped before matching."""
import pytest

from articles.models import FactCheck
from articles.services import rematch


def fc(i, text="The moon is made of cheese."):
    return FactCheck.objects.create(url=f"https://checks.example/{i}", claim_reviewed=text, rating="False",
                                    publisher="Checks", title=text)


@pytest.mark.django_db
def test_never_matched_means_every_record_changed():
    a, b = fc(1), fc(2)
    assert sorted(rematch.changed_since_matched()) == [a.pk, b.pk]


@pytest.mark.django_db
def test_only_what_changed_since_the_last_matching_is_matched_again(imported_seed):
    a, b = fc(1), fc(2)
    rematch.catch_up()
    assert not rematch.pending() and rematch.changed_since_matched() == []
    c = fc(3)  # stored by a run that stopped before matching
    b.claim_reviewed = "The moon is made of rock."
    b.save()
    assert rematch.pending()
    assert sorted(rematch.changed_since_matched()) == sorted([b.pk, c.pk])
    rematch.catch_up()
    assert not rematch.pending()
    a.delete()  # a deletion cannot be told apart record by record: every claim is matched again
    assert rematch.pending() and rematch.changed_since_matched() is None
    rematch.catch_up()
    assert not rematch.pending()
