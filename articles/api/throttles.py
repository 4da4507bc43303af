"""A rate limit that counts what a request costs, for the match endpoint.

A match costs CPU in proportion to its text (BM25 and embeddings over every word): counted in
requests, a client inside the anonymous limit could keep every worker busy with 20,000-character
texts. Here each started 1,000 characters cost one unit, against a budget per client and period:
`match_anon` (per address) for anonymous clients, `match_user` (per account) for signed-in ones.
"""
from __future__ import annotations

import math

from rest_framework.throttling import SimpleRateThrottle

UNIT_CHARS = 1000


class MatchCostThrottle(SimpleRateThrottle):
    # The budget is chosen per request (anonymous or signed in); the scope only names a default.
    scope = "match_anon"
    max_chars = 20_000  # the serializer's cap: a longer text is refused by validation, not here

    def allow_request(self, request, view):
        signed_in = bool(request.user and request.user.is_authenticated)
        self.scope = "match_user" if signed_in else "match_anon"
        self.num_requests, self.duration = self.parse_rate(self.get_rate())
        ident = request.user.pk if signed_in else self.get_ident(request)
        self.key = self.cache_format % {"scope": self.scope, "ident": ident}
        self.now = self.timer()
        self.cost = self.request_cost(request)
        # Oldest last: (time, cost) pairs still inside the period.
        self.history = [h for h in self.cache.get(self.key, []) if h[0] > self.now - self.duration]
        if sum(c for _, c in self.history) + self.cost > self.num_requests:
            return False
        self.history.insert(0, (self.now, self.cost))
        self.cache.set(self.key, self.history, self.duration)
        return True

    def request_cost(self, request) -> int:
        data = request.data if request.method == "POST" else request.query_params
        text = data.get("text") if hasattr(data, "get") else None
        if not isinstance(text, str):
            return 1
        return max(1, math.ceil(min(len(text), self.max_chars) / UNIT_CHARS))

    def wait(self):
        """Seconds until enough of the spent budget has aged out to pay for this request."""
        excess = sum(c for _, c in self.history) + self.cost - self.num_requests
        for when, cost in reversed(self.history):
            excess -= cost
            if excess <= 0:
                return max(0.0, when + self.duration - self.now)
        return self.duration
