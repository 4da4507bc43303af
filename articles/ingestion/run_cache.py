"""What one import run looks up once, instead of once a file."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RunCache:
    """Publishers by name, whether editors have ruled out any names at all, surname links, and
    whether the fact-check library has anything to match against: each asked once a run.

    A run without a cache (None where one is accepted) asks every time."""

    publishers: dict = field(default_factory=dict)  # name -> Organisation (None: ruled out)
    rejected_any: bool | None = None
    library_empty: bool | None = None
    surnames: dict | None = None  # surname key -> the person a link maps it to

    def forget_rows(self) -> None:
        """The rows cached may have been rolled back (a failed or retried transaction): look the
        publishers up again."""
        self.publishers.clear()
