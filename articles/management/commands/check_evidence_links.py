"""python manage.py check_evidence_links: the rot check of evidence links (run it daily, e.g. from cron)."""
from django.core.management.base import BaseCommand

from articles.services import evidence


class Command(BaseCommand):
    help = ("Archive evidence links not archived yet, and fetch each archived address not checked for "
            "CLAIMSDB_EVIDENCE_CHECK_DAYS days, recording its status now.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=float, default=None,
                            help="Check addresses not checked for this many days (default: the setting; 0: all).")
        parser.add_argument("--limit", type=int, default=None, help="At most this many addresses a run.")

    def handle(self, *args, **opts):
        counts = evidence.check_links(days=opts["days"], limit=opts["limit"])
        self.stdout.write(f"{counts['archived']} archived; {counts['checked']} checked: {counts['ok']} answering, "
                          f"{counts['broken']} broken")
