""""Not a person" / "not an organisation" for several records at once (issue 27, item 6): each as
the single-record decision, all or none."""
import pytest
from django.core.management import call_command

from articles.entities import identity
from articles.models import Claim, Organisation, Person, RejectedName, ReviewEvent
from tests.services.test_identity import write

pytestmark = pytest.mark.django_db


def test_not_people_removes_each_remembers_every_name_and_repoints_claims(tmp_path):
    call_command("import_seeds", str(write(tmp_path, "a.txt", "Tom Clarke said coal was finished. "
                                           "Anna Price said the pits would close.")), verbosity=0)
    a, b = Person.objects.order_by("name")
    a.aliases.create(name="Mr A", key="mr a")
    wh = Organisation.objects.create(name="White House", key="white house")
    n = identity.not_people([a, b], None, replacement_organisation=wh)
    assert n == 2 and not Person.objects.exists()
    assert set(Claim.objects.values_list("organisation__name", flat=True)) == {"White House"}
    assert ReviewEvent.objects.count() == 2
    keys = set(RejectedName.objects.filter(kind="person").values_list("key", flat=True))
    assert {a.key, b.key, "mr a"} <= keys
    assert all(r.replacement_organisation == wh for r in RejectedName.objects.all())


def test_not_people_is_all_or_none(tmp_path):
    a = Person.objects.create(name="A Person", key="a person")
    b = Person.objects.create(name="B Person", key="b person")
    with pytest.raises(identity.IdentityError):
        identity.not_people([a, b], None, replacement_person=b)
    assert Person.objects.count() == 2 and not RejectedName.objects.exists()


def test_not_organisations(tmp_path):
    orgs = [Organisation.objects.create(name=n, key=n.lower()) for n in ("Project Fear", "Brexit Day")]
    assert identity.not_organisations(orgs, None) == 0
    assert not Organisation.objects.exists()
    assert RejectedName.objects.filter(kind="organisation").count() == 2
    with pytest.raises(identity.IdentityError):
        keep = Organisation.objects.create(name="Keep", key="keep")
        identity.not_organisations([keep], None, replacement_organisation=keep)
