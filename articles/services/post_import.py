"""The steps after storing articles, for every way articles come in (import_seeds, polled sources,
"Add article from URL"). Each works from durable state (what is not yet done), not from what one
run stored, so a run that stopped before them (killed, locked, a failed file) is finished by the
next: surname-only people ("Obama") join the full-name person the database knows or wait for an
editor; every claim the current check-worthiness model has not scored is scored."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import DatabaseError

from articles.entities import identity
from articles.services import checkworthiness, filter_cache, retry


@dataclass
class Closing:
    linked: Counter = field(default_factory=Counter)  # surnames linked / suggested to editors
    errors: list[str] = field(default_factory=list)  # a step that could not finish, and what to do


def run() -> Closing:
    out = Closing()
    steps = (("linking surname-only people to full names", identity.reconcile_surnames),
             ("scoring the claims' check-worthiness", checkworthiness.rescore_stale))
    for what, step in steps:
        try:
            done = step()
        except DatabaseError as exc:
            out.errors.append(f"{what} could not finish ({retry.one_line(exc)}); the articles are stored: "
                              f"run the same import again to finish it")
            continue
        if step is identity.reconcile_surnames:
            out.linked = done
    filter_cache.clear()
    return out
