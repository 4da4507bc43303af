"""API tokens, stored hashed with an expiry (django-rest-knox): the secret is shown once, at issue.

Knox keeps a SHA-512 digest of each token and its first 15 characters (to find the row), never the
token itself. Clients still send `Authorization: Token <secret>`.

DRF's `rest_framework.authtoken` stays installed only as a compatibility path for code written
against it (`Token.objects.create(user=...)` in older scripts and tools): every Token saved is
adopted at once as a hashed knox token with the same secret and the default expiry, and its
plain-text row is deleted. DRF's own TokenAuthentication is not used, so a plain-text row could
never authenticate anyway.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS, knox_settings


def issue_token(user, ttl: timedelta | None = None) -> tuple[AuthToken, str]:
    """A new token for `user`, valid for `ttl` (default REST_KNOX's TOKEN_TTL): (row, secret)."""
    return AuthToken.objects.create(user=user, expiry=ttl or knox_settings.TOKEN_TTL)


def hashed_row(user_id: int, secret: str, now: datetime | None = None) -> dict:
    """The knox row storing an existing secret: its digest, lookup prefix and a fresh expiry."""
    now = now or timezone.now()
    return {"digest": hash_token(secret), "token_key": secret[:CONSTANTS.TOKEN_KEY_LENGTH], "user_id": user_id,
            "expiry": now + knox_settings.TOKEN_TTL}


@transaction.atomic
def adopt_plaintext_token(sender, instance, **kwargs) -> None:
    """post_save of DRF's Token: keep its secret hashed (knox), delete the plain-text row."""
    # knox's manager.create() makes its own secret: the row is saved directly.
    AuthToken(**hashed_row(instance.user_id, instance.key)).save(force_insert=True)
    sender.objects.filter(pk=instance.pk).delete()
