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
                                 "and match the claims again (slow; without it the job "
                                 "claimsdb.fill_match_vectors is queued to do the same)")

    def handle(self, *args, full, rematch, vectors=False, **opts):
        done = match_index.update(full=full)
        if vectors:
            filled = match_index.fill_and_rematch()
            self.stdout.write(f"encoder vectors: {filled['rows']} rows in {filled['seconds']:.1f} s; "
                              f"{filled['matched']} claim matches stored again")
        elif missing := (match_index.missing_dense() if match_index.dense_wanted() else 0):
            queued = match_index.queue_fill()  # never run here without a broker: hours for a large library
            self.stdout.write(f"encoder vectors: {missing} rows missing, left to "
                              f"{'claimsdb.fill_match_vectors' if queued else 'build_match_index --vectors'}; "
                              "matching uses the fallback weights until then")
        matched = match_index.rematch(done["appended"]) if rematch and done["appended"] else 0
        self.stdout.write(f"match index generation {done['generation']} at {match_index.index_dir()}: "
                          f"{done['rows']} fact-checks, {len(done['appended'])} indexed, {done['removed']} removed"
                          f"{' (full build)' if done['full'] else ''}; {matched} claim matches stored; "
                          f"{done['seconds']:.1f} s")
