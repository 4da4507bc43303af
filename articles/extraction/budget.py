"""A time budget for extracting one article: the extractor checks it between sentences, chunks and
blocks, so one hostile or pathological file can never stall an import."""
from __future__ import annotations

import time


class ExtractionTimeout(Exception):
    pass


class Deadline:
    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.at = time.monotonic() + seconds if seconds else None

    def check(self) -> None:
        if self.at is not None and time.monotonic() > self.at:
            raise ExtractionTimeout(f"extraction took longer than its {self.seconds:g} s budget")


NO_DEADLINE = Deadline(None)
