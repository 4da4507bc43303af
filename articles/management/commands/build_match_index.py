"""python manage.py build_match_index [--full] [--rematch] [--vectors]"""
from __future__ import annotations

from django.core.management.base import BaseCommand

from articles.services import match_index


class Command(BaseCommand):
    help = ("Bring the shared match index (CLAIMSDB_MATCH_INDEX_DIR) up to the fact-check library: append "
            "what changed since its live generation, or rebuild it whole with --full. Web workers pick up "
            "the new generation by memory-mapping it; no request ever builds it.")

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="rebuild every segment (compaction)")
        parser.add_argument("--rematch", action="store_true",
                            help="then match again the stored claims the new or changed fact-checks concern")
        parser.add_argument("--vectors", action="store_true",
                            help="then fill the sentence encoder's vectors of every segment lacking them "
                                 "(slow: the job claimsdb.fill_match_vectors does the same)")

    def handle(self, *args, full, rematch, vectors=False, **opts):
        done = match_index.update(full=full)
        if vectors:
            filled = match_index.fill_dense()
            self.stdout.write(f"encoder vectors: {filled['rows']} rows in {filled['seconds']:.1f} s")
        matched = match_index.rematch(done["appended"]) if rematch and done["appended"] else 0
        self.stdout.write(f"match index generation {done['generation']} at {match_index.index_dir()}: "
                          f"{done['rows']} fact-checks, {len(done['appended'])} indexed, {done['removed']} removed"
                          f"{' (full build)' if done['full'] else ''}; {matched} claim matches stored; "
                          f"{done['seconds']:.1f} s")
