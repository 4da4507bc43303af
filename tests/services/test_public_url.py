"""Issue 27, bug 4: ClaimsDB's own checks entered the fact-check library with http://localhost:8000
addresses when no request was at hand. CLAIMSDB_PUBLIC_URL is used, and `check --deploy` warns when
it is unset with DEBUG off."""
import pytest
from django.core.checks import run_checks

from articles.models import Claim, FactCheck
from articles.services import review

pytestmark = pytest.mark.django_db


def ids(**kw):
    return {m.id for m in run_checks(**kw)}


def test_own_checks_enter_the_library_at_the_public_address(imported_seed, editor, settings):
    settings.CLAIMSDB_PUBLIC_URL = "https://claims.example.org/"
    claim = Claim.objects.order_by("id").first()
    review.apply_review(claim, editor, status="checked", verdict="false")
    assert FactCheck.objects.get(claim=claim).url == f"https://claims.example.org/factchecks/{claim.pk}/"


def test_check_deploy_warns_without_a_public_url(settings):
    settings.DEBUG = False
    settings.CLAIMSDB_PUBLIC_URL = ""
    assert "claimsdb.W001" in ids(include_deployment_checks=True)
    assert "claimsdb.W001" not in ids()  # a deployment concern only
    settings.CLAIMSDB_PUBLIC_URL = "https://claims.example.org"
    assert not {"claimsdb.W001", "claimsdb.E001"} & ids(include_deployment_checks=True)
    settings.DEBUG = True
    settings.CLAIMSDB_PUBLIC_URL = ""
    assert "claimsdb.W001" not in ids(include_deployment_checks=True)  # development: localhost is right


@pytest.mark.parametrize("url", ["claims.example.org", "ftp://claims.example.org", "https://x.org/?a=1", "https://"])
def test_a_public_url_that_is_no_address_is_an_error(settings, url):
    settings.CLAIMSDB_PUBLIC_URL = url
    assert "claimsdb.E001" in ids()
