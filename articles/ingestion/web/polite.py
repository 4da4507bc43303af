"""Manners for automated fetching (polling sources): robots.txt obeyed, and a minimum delay
between two requests to one host. No Django import. An editor importing one address by hand is
not a crawler: import_seeds does not consult robots.txt."""
from __future__ import annotations

import time
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from . import fetch

ROBOTS_TYPES = ("text/plain", "application/octet-stream", "text/html")


class Politeness:
    def __init__(self, policy: fetch.FetchPolicy, delay: float = 1.0, clock=time.monotonic, sleep=time.sleep):
        self.policy, self.delay, self.clock, self.sleep = policy, delay, clock, sleep
        self.agent = policy.user_agent.split("/", 1)[0].split(" ", 1)[0] or "*"  # "ClaimsDB"
        self._robots: dict[str, RobotFileParser] = {}
        self._last: dict[str, float] = {}

    @staticmethod
    def _origin(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}".lower()

    def wait(self, url: str) -> None:
        """Sleep until the host's minimum delay since its last request has passed."""
        origin = self._origin(url)
        last = self._last.get(origin)
        if last is not None:
            pause = self.delay - (self.clock() - last)
            if pause > 0:
                self.sleep(pause)
        self._last[origin] = self.clock()

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets this product fetch the address (read once a host)."""
        origin = self._origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._read(origin)
        return self._robots[origin].can_fetch(self.agent, url)

    def _read(self, origin: str) -> RobotFileParser:
        rp = RobotFileParser()
        self.wait(origin)
        try:
            got = fetch.fetch(origin + "/robots.txt", self.policy, accept=ROBOTS_TYPES)
        except fetch.FetchError as exc:
            # RFC 9309: no robots.txt (4xx) allows everything; a server error or no answer means
            # the site cannot say, so nothing is fetched from it this time.
            rp.parse([] if str(exc).startswith("HTTP 4") else ["User-agent: *", "Disallow: /"])
            return rp
        rp.parse(got.body[:500_000].decode("utf-8", "replace").splitlines())
        return rp
