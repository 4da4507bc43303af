"""Claims: direct quotes, reported speech and mixed forms, each with its speaker, cue and frame.

A pipeline over one explicit document state (:mod:`.state`), one module a stage:

1. :mod:`.cues`: every reporting verb ("said", "told", "warned", "according to") outside quotation
   marks is a candidate cue; the learned cue model adds the ones the rules leave alone;
2. :mod:`.sources`: the cue's speaker, the noun phrase before it (a name, a pronoun, an anonymous
   source, "who", a coordinated "and said") or, inverted, after it ("said Mr Smith");
3. :mod:`.frames` and :mod:`.content`: the cue's content, placed by the first frame in
   ``frames.ORDER`` that fits (the quotation before it, the quotation after a colon, the clause
   after it, ...); every claim records the frame that placed it;
4. :mod:`.discourse`: pronouns resolved, quotations no cue claims attributed to the speaker they
   continue, and a cued quotation (or a reported claim of the rules' right before) merged with its
   continuations;
5. :mod:`.forms`: transcript lines and headlines, which have their own layout;
6. :mod:`.phrases`: a source left as words tied to the entity the phrase names ("the Trump
   campaign" is the Trump campaign, "The Reuters/Ipsos poll" speaks for Reuters).
"""
from . import phrases, resolver
from .pipeline import ClaimFinder, resolve

__all__ = ["ClaimFinder", "phrases", "resolve", "resolver"]
