"""Nested attributions: a claim inside the content of a trailing attribution ("'They don't care about
politics,' Obama said, according to the White House."; "Eggleston said it could hurt the strategy,
people familiar with the session said."). The trailing source is the one the article has the words from:
it vouches for the whole sentence, the inner speaker's words included, and the inner claim is filed
under it, as the host claim (which holds the inner speaker's name) is. The annotators' practice (PolNeAR,
CV over the training split): of such inner claims whose words are right, the trailing source is the
gold's 24 times where the inner speaker is not, the inner speaker 3 times where the trailing one is not.
A leading attribution ("According to the Times, X said ...") is left: there the gold is split.
"""
from __future__ import annotations

from dataclasses import replace

from ..types import Claim


def trailing_host(claim: Claim, claims: list[Claim]) -> Claim | None:
    """The claim whose content holds ``claim`` (its cue and its words) and whose own cue comes after
    ``claim``'s words: the attribution trailing the sentence (the innermost when several)."""
    if claim.cue_start is None:
        return None
    hosts = [h for h in claims if h is not claim and h.cue_start is not None and h.cue_start >= claim.end
             and h.start <= claim.start and claim.end <= h.end + 2 and h.start <= claim.cue_start < h.end
             and h.source is not None and (h.speaker is not None or h.source.resolved or h.speaker_text)]
    return min(hosts, key=lambda h: h.end - h.start, default=None)


def vouched(claims: list[Claim]) -> int:
    """File each claim inside a trailing attribution's content under the trailing source; returns how
    many changed."""
    moves = [(c, trailing_host(c, claims)) for c in claims]
    changed = 0
    for c, host in moves:
        if host is None or (c.speaker == host.speaker and c.speaker_text == host.speaker_text):
            continue
        c.source = replace(host.source)
        c.speaker, c.speaker_text = host.speaker, host.speaker_text
        changed += 1
    return changed
