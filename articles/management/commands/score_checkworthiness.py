"""python manage.py score_checkworthiness: score the claims the current model has not scored."""
from django.core.management.base import BaseCommand

from articles.services import checkworthiness


class Command(BaseCommand):
    help = "Give every claim not yet scored by the current check-worthiness model its score."

    def handle(self, *args, **opts):
        n = checkworthiness.rescore_stale()
        self.stdout.write(f"{n} claims scored (model {checkworthiness.current_version()})")
