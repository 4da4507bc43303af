"""python manage.py create_api_token USER [--days N]: a new API token, printed once (stored hashed)."""
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.services import api_tokens


class Command(BaseCommand):
    help = ("Issue an API token for USER and print it once on standard output (only its hash is stored); "
            "the expiry goes to standard error.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--days", type=float, default=None,
                            help="valid for this many days (default: CLAIMSDB_API_TOKEN_DAYS, 30)")

    def handle(self, *args, username, days, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no user {username!r}") from None
        if not user.is_active:
            raise CommandError(f"user {username!r} is inactive")
        row, token = api_tokens.issue_token(user, timedelta(days=days) if days else None)
        self.stdout.write(token)
        self.stderr.write(f"token for {username}, valid until {row.expiry:%Y-%m-%d %H:%M} UTC; shown once")
