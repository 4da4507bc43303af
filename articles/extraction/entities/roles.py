"""Roles: appositions ("X, the Foreign Secretary,") and a role used alone naming its holder."""
from __future__ import annotations

import re

from .. import knowledge
from ..lexicon import CUE_LEMMA
from .records import _Ent
from .words import ROLE_NOUNS


class Roles:
    """The roles side of the entity finder (a mixin of EntityFinder)."""

    # -- roles --------------------------------------------------------------------------
    _APPOSITION = re.compile(r",\s+(?P<role>(?:the|a|an|his|her|their|[A-Z][\w\-]*(?:\s[A-Z][\w\-]*)*[’']s)\s+"
                             r"[^,.;:“”\"()]{2,80}?)(?=,|\.|;|\s+(?:said|says|told|has|had|is|was|will|who))")

    def _roles(self):
        """Roles in apposition: "Boris Johnson, the Foreign Secretary," becomes an affiliation."""
        for _s, e, _surface, ent in list(self.mentions):
            if ent.kind != "person":
                continue
            m = self._APPOSITION.match(self.text, e)
            if not m:
                continue
            role = m["role"]
            words = role.split()
            if not any(w.lower().strip("’'s") in ROLE_NOUNS or w.lower() in ROLE_NOUNS for w in words):
                continue
            if any(w in CUE_LEMMA for w in words):
                continue
            org = None
            for ms, _me, _, oent in self.mentions:
                if m.start("role") <= ms < m.end("role") and oent.kind == "organisation":
                    org = oent.name
            clean = re.sub(r"^(?:the|a|an)\s+", "", role)
            if clean.lower() not in (r.lower() for r, _ in ent.roles):
                ent.roles.append((clean, org))

    def _role_mentions(self):
        """A role used alone ("the Prime Minister") names the person the article or the database
        says holds it, when the article names that person."""
        role_holder = self._role_holders()
        if not role_holder:
            return
        self._role_alone_mentions(role_holder)

    def _role_holders(self) -> dict[str, _Ent]:
        """Role -> the person of the article holding it: by apposition, by the database's known
        people, or by the knowledge base's office holders on the publication date."""
        role_holder: dict[str, _Ent] = {}
        for p in self.people:
            for role, _org in p.roles:
                r = re.sub(r"^(?:the|a|an|his|her)\s+", "", role.lower())
                if len(r.split()) <= 4:
                    role_holder.setdefault(r, p)
        for kp in self.known:
            for role in kp.roles:
                ent = self._find_by_name(kp.name)
                if ent:
                    role_holder.setdefault(role.lower(), ent)
        for role in knowledge.ROLE_NAMES:
            for holder in knowledge.holders(role, self.published):
                ent = self._find_by_name(holder)
                if ent:
                    role_holder.setdefault(role, ent)
        return role_holder

    def _role_alone_mentions(self, role_holder: dict[str, _Ent]) -> None:
        """Each "the <role>" in the body, not inside another mention, as a mention of its holder."""
        taken = [(m[0], m[1]) for m in self.mentions]
        roles = sorted(role_holder, key=len, reverse=True)
        pattern = re.compile(r"\b(?:the|The)\s+(" + "|".join(
            re.escape(r).replace(r"\-", r"[\- ]").replace(r"\ ", r"[\- ]") for r in roles) + r")\b(?!-\w)",
            re.IGNORECASE)
        for b in self.blocks:
            for m in pattern.finditer(self.text, b.start, b.end):
                role = m.group(1).lower().replace(" elect", "-elect")
                ent = role_holder.get(role) or role_holder.get(m.group(1).lower())
                if ent is None:
                    continue
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                # A lower-case role names someone in general ("the president of a company")
                # unless it is followed by a verb or a comma; a capitalised one is a title.
                if m.group(1)[0].islower() and self.text[m.end():m.end() + 4] == " of ":
                    continue
                # A mention, never an alias: a role names different people over time and across
                # articles ("Prime Minister" would join every holder into one record).
                surface = m.group(0)
                ent.mentions.append((m.start(), m.end(), surface))
                self.mentions.append((m.start(), m.end(), surface, ent))
