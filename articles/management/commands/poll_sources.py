"""python manage.py poll_sources [--all] [--source ID ...]"""
from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from articles.models import Source
from articles.services import sources


class Command(BaseCommand):
    help = "Poll the sources (RSS and Atom feeds) that are due, importing their new items."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", dest="poll_all", help="every enabled source, due or not")
        parser.add_argument("--source", type=int, action="append", default=[], help="this source's id (repeatable)")

    def handle(self, *args, poll_all, source, **opts):
        if source:
            chosen = list(Source.objects.filter(pk__in=source))
            missing = set(source) - {s.pk for s in chosen}
            if missing:
                raise CommandError(f"no source with id {', '.join(map(str, sorted(missing)))}")
        else:
            chosen = list(Source.objects.filter(enabled=True) if poll_all else sources.due())
        failed = False
        polite = sources.politeness()
        for src in chosen:
            r = sources.poll(src, polite)
            for url, reason in r.item_errors:
                self.stderr.write(f"error: {url}: {reason}")
            if r.status == "failed":
                failed = True
                self.stderr.write(f"error: {src.feed_url}: {r.error}")
            elif r.status == "not modified":
                self.stdout.write(f"{src.name}: not modified")
            else:
                self.stdout.write(f"{src.name}: {r.items} items, {r.new} new: {r.created} created, {r.updated} updated, "
                                  f"{r.unchanged} unchanged, {r.duplicates} duplicates, {len(r.item_errors)} failed")
            failed |= bool(r.item_errors)
        if not chosen:
            self.stdout.write("no source due")
        if failed:
            sys.exit(1)
