"""python manage.py deliver_webhooks: send the webhook deliveries that are due (retries with backoff)."""
import time

from django.core.management.base import BaseCommand

from articles.services import webhooks


class Command(BaseCommand):
    help = "Send every pending webhook delivery whose attempt is due; --loop keeps doing so."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0, metavar="SECONDS",
                            help="Run again every SECONDS (a small worker), until stopped.")

    def handle(self, *args, **opts):
        while True:
            counts = webhooks.deliver_due()
            if opts["verbosity"] and (any(counts.values()) or not opts["loop"]):
                self.stdout.write(f"{counts['delivered']} delivered, {counts['retrying']} to retry, "
                                  f"{counts['failed']} given up")
            if not opts["loop"]:
                return
            time.sleep(opts["loop"])
