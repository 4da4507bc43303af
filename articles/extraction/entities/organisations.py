"""Organisations: known names, acronyms and their full names, what the text calls them, affiliations."""
from __future__ import annotations

import re

from ..lexicon import AMBIGUOUS_SINGLE_ORGS, ORG_HEADS
from .records import _Ent
from .words import _DESCRIPTOR_BEFORE, _INITIAL, _KIND_DESCRIPTORS, _ORG_BY_KEY, _norm


class Organisations:
    """The organisation side of the entity finder (a mixin of EntityFinder: self.orgs, self.org_index)."""

    def _known_org(self, words: list[str]) -> tuple[str, str] | None:
        phrase = " ".join(words)
        hit = _ORG_BY_KEY.get(phrase.lower())
        if hit:
            name, kind = hit
            # Short acronyms match only in capitals: "IS" the group, not "is"; "AP" not "Ap".
            alias_ok = len(phrase) > 3 or phrase.isupper() or phrase == name
            if alias_ok and not (phrase in AMBIGUOUS_SINGLE_ORGS and phrase != name and phrase not in ("AP",)):
                return name, kind
        return None

    def _org(self, name: str, kind: str, alias: str) -> _Ent:
        key = _norm(name)
        ent = self.org_index.get(key)
        if ent is None:
            ent = _Ent("organisation", name.split(), org_kind=kind)
            self.orgs.append(ent)
            self.org_index[key] = ent
        if alias not in ent.aliases:
            ent.aliases.append(alias)
        return ent

    def _org_for(self, words: list[str], the: bool) -> _Ent:
        if len(words) >= 2 and all(_INITIAL.fullmatch(w) or (len(w) == 1 and w.isupper()) for w in words):
            # An acronym written with dots is the acronym: "E.P.A." is the EPA, "W.T.O." the WTO.
            words = ["".join(w.rstrip(".") for w in words)]
        known = self._known_org(words)
        if known:
            name, kind = known
            return self._org(name, kind, " ".join(words))
        phrase = " ".join(words)
        kind = ORG_HEADS.get(words[-1], "")
        if len(words) >= 3 and words[1] == "of" and words[0] in ORG_HEADS:
            kind = ORG_HEADS[words[0]]  # "Department of Education" is a department, not a school
        if not kind and phrase.isupper():
            kind = "other"
        key = _norm(phrase)
        ent = self.org_index.get(key)
        if ent is None:
            o = self._acronym_match(words, phrase, key) or self._head_short_form(words, the)
            if o is not None:
                return o
        name = ("The " + phrase) if the and kind == "news" and not phrase.startswith("The ") else phrase
        ent = self._org(phrase, kind or "other", phrase)
        if name != phrase and name not in ent.aliases:
            ent.aliases.append(name)
        return ent

    def _head_short_form(self, words: list[str], the: bool) -> _Ent | None:
        """"the Post" after "The Washington Post", "the Times" after "The New York Times": an
        organisation's head word alone, after "the", is the one organisation named before with it."""
        if len(words) != 1 or not the or words[0] not in ORG_HEADS:
            return None
        cands = [o for o in self.orgs if len(o.name_words) >= 2 and o.name_words[-1] == words[0] and o.mentions]
        if len(cands) != 1:
            return None
        if words[0] not in cands[0].aliases:
            cands[0].aliases.append(words[0])
        return cands[0]

    def _acronym_match(self, words: list[str], phrase: str, key: str) -> _Ent | None:
        """An organisation named before by its full name (for an acronym) or by its acronym (for a
        full name); the new form becomes its alias."""
        # An acronym of an organisation already named in full: "EU" for "European Union".
        if phrase.isupper() and len(phrase) <= 6:
            for o in self.orgs:
                initials = "".join(w[0] for w in o.name_words if w[0].isupper())
                if initials == phrase:
                    if phrase not in o.aliases:
                        o.aliases.append(phrase)
                    self.org_index[key] = o
                    return o
        else:
            # Full name whose acronym was seen first.
            initials = "".join(w[0] for w in words if w[:1].isupper())
            if len(initials) >= 2 and initials.lower() in self.org_index:
                o = self.org_index[initials.lower()]
                if phrase not in o.aliases:
                    o.aliases.append(phrase)
                self.org_index[key] = o
                return o
        return None

    def _of_affiliations(self, pairs: list[tuple[int, int]]) -> None:
        by_start = {s: ent for s, _e, _t, ent in self.mentions}
        for ps, os_ in pairs:
            person, org = by_start.get(ps), by_start.get(os_)
            if person is not None and org is not None and person.kind == "person" and org.kind == "organisation":
                if not any(o == org.name for _r, o in person.roles):
                    person.roles.append(("", org.name))

    def _descriptor_kinds(self):
        """What the text calls an organisation wins over its head word: "the Brookings Institution,
        a think tank," is a think tank; "the charity Oxfam" an NGO."""
        for s, e, _surface, ent in self.mentions:
            if ent.kind != "organisation":
                continue
            before = self.text[max(0, s - 50):s]
            after = re.match(r",\s+(?:a|an|the)\s+([^,.;]{2,50})", self.text[e:e + 60])
            for where in ([_DESCRIPTOR_BEFORE.search(before)] + [after]):
                if not where:
                    continue
                for pattern, kind in _KIND_DESCRIPTORS:
                    if pattern.search(where.group(1)):
                        ent.org_kind = kind
                        break
