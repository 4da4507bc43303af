"""TOTP two-factor authentication for staff (django-otp): enrolment of an authenticator app.

A device starts unconfirmed (not used at login) and is confirmed by one code from the app, so a
mistyped secret cannot lock anyone out. With CLAIMSDB_REQUIRE_2FA=1 the admin and the API token login
ask staff for a code from a confirmed device.
"""
from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice


def required_for(user) -> bool:
    """Does signing in as `user` need a second factor?"""
    return bool(settings.CLAIMSDB_REQUIRE_2FA and user.is_staff)


@transaction.atomic
def start_enrolment(user) -> TOTPDevice:
    """A new unconfirmed device (replacing any earlier unconfirmed one); its config_url goes to the app."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)


@transaction.atomic
def confirm_enrolment(user, code: str) -> bool:
    """Confirm the pending device with a code from the app; earlier confirmed devices are replaced."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None or not device.verify_token(code):
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def remove_devices(user) -> int:
    """Delete every device of `user` (a lost phone): they enrol again."""
    return TOTPDevice.objects.filter(user=user).delete()[0]


def verify(user, code: str) -> bool:
    """Is `code` valid for one of the user's confirmed devices (django-otp throttles repeated failures)?"""
    return bool(code) and match_token(user, code) is not None
