"""The claims list's lean read path gives the JSON the declared serializer fields give, in a
constant number of queries."""
import json

import pytest
from rest_framework import serializers
from rest_framework.test import APIRequestFactory, force_authenticate

from articles.api.serializers import ClaimSerializer
from articles.models import Claim, EvidenceLink, Statistic
from articles.selectors.claims import attach_relations, claim_list
from articles.services import links, review

pytestmark = pytest.mark.django_db


def generic(claim, request):
    """What DRF's field-by-field machinery makes of the claim."""
    ser = ClaimSerializer(context={"request": request})
    return json.loads(json.dumps(serializers.HyperlinkedModelSerializer.to_representation(ser, claim)))


@pytest.mark.parametrize("as_staff", [False, True])
def test_lean_representation_equals_the_declared_fields(imported_seed, editor, as_staff):
    a, b, c = Claim.objects.order_by("id")[:3]
    links.create_link(a, b, "supports", editor)
    links.create_link(c, a, "contradicts", editor)
    EvidenceLink.objects.create(claim=a, url="https://example.org/x", title="X")
    review.apply_review(a, editor, verdict="false", rationale="Wrong.", status="checked")  # published
    EvidenceLink.objects.create(claim=b, url="https://example.org/draft", title="Draft")
    review.apply_review(b, editor, verdict="true", rationale="Draft.", claim_reviewed="Draft wording")  # not yet
    st = Statistic.objects.first()
    st.claim = a
    st.save(update_fields=["claim"])
    request = APIRequestFactory().get("/api/v1/claims/")
    if as_staff:
        force_authenticate(request, editor)
        request.user = editor
    else:
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
    for lean in (True, False):
        claims = attach_relations(list(claim_list(lean=lean).filter(pk__in=[a.pk, b.pk, c.pk]).order_by("id")))
        for claim in claims:
            fast = json.loads(json.dumps(ClaimSerializer(context={"request": request}).to_representation(claim)))
            full = Claim.objects.get(pk=claim.pk)
            assert fast == generic(full, request), claim.pk
    assert fast["links"] or claims[0]
    first = json.loads(json.dumps(ClaimSerializer(context={"request": request}).to_representation(claims[0])))
    assert first["evidence"] and first["links"] and first["statistics"] and first["verdict"] == "false"
    assert (first["reviewer"] == "editor") == as_staff
    second = json.loads(json.dumps(ClaimSerializer(context={"request": request}).to_representation(claims[1])))
    draft = (second["status"], second["verdict"], second["rationale"], second["evidence"], second["claim_reviewed"])
    if as_staff:
        assert draft == ("in_review", "true", "Draft.", [{"url": "https://example.org/draft", "title": "Draft"}],
                         "Draft wording")
    else:  # the draft is the editors' business until the check is published
        assert draft[:4] == ("new", "", "", []) and draft[4] != "Draft wording" and second["version"] is None


def test_statistic_representation_equals_the_declared_fields(imported_seed):
    from rest_framework import serializers as drf

    from articles.api.serializers import StatisticSerializer

    request = APIRequestFactory().get("/api/v1/statistics/")
    st = Statistic.objects.order_by("id").first()
    st.previous_value, st.upper_value = 12.5, 40
    st.save()
    for row in Statistic.objects.order_by("id"):
        fast = json.loads(json.dumps(StatisticSerializer(context={"request": request}).to_representation(row)))
        generic = json.loads(json.dumps(drf.HyperlinkedModelSerializer.to_representation(
            StatisticSerializer(context={"request": request}), row)))
        assert fast == generic, row.pk
    assert fast["url"].endswith(f"/api/v1/statistics/{row.pk}/")
