"""Existing plain-text API tokens (DRF's authtoken) become hashed knox tokens with the same secret.

Clients keep working with the token they have until it expires (REST_KNOX TOKEN_TTL from now);
the plain-text rows are deleted. Not reversible: a hash cannot give the secret back.
"""
from django.db import migrations


def hash_tokens(apps, schema_editor):
    from django.utils import timezone
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS, knox_settings

    Token = apps.get_model("authtoken", "Token")
    AuthToken = apps.get_model("knox", "AuthToken")
    expiry = timezone.now() + knox_settings.TOKEN_TTL
    rows = [AuthToken(digest=hash_token(t.key), token_key=t.key[:CONSTANTS.TOKEN_KEY_LENGTH], user_id=t.user_id,
                      expiry=expiry) for t in Token.objects.all()]
    AuthToken.objects.bulk_create(rows, batch_size=500)
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0021_claim_checkworthiness"),
        ("authtoken", "0004_alter_tokenproxy_options"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(hash_tokens, migrations.RunPython.noop, elidable=True)]
