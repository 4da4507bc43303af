"""People: adding and matching persons, their mentions, genders, "X of Y" affiliations and who speaks."""
from __future__ import annotations

import re

from ..lexicon import (
    CAP_STOPWORDS,
    CUE_LEMMA,
    FEMALE_NAMES,
    HONORIFICS,
    MALE_NAMES,
    MONTH_NAMES,
    NEUTRAL_HEADS,
    ORG_HEADS,
    PERSON_PARTICLES,
    PLACES,
    PURE_HONORIFICS,
)
from .records import Chunk, _Ent
from .words import ROLE_NOUNS, ROLE_TITLES, _demonym, _first_name_gender, _gender_of_title, _norm

# "Ki-moon", "Jong-un", "Geun-hye": a romanised given name of two syllables.
_GIVEN_AFTER_FAMILY = re.compile(r"[A-Z][a-z]{1,4}-[a-z]{2,5}")

# How far back (characters, about a paragraph) a full name decides a bare surname of its family.
RECENT_FULL_CHARS = 250


class People:
    """The people side of the entity finder (a mixin of EntityFinder: self.people, self.name_tails)."""

    def _add_person(self, name: list[str], gender: str, short: bool = False) -> _Ent:
        ent = _Ent("person", name, gender=gender, short=short)
        self.people.append(ent)
        # Two-word and longer endings of the name ("Suu Kyi" of "Aung San Suu Kyi"): a set, so that
        # asking whether a name is already someone's stays constant time however many people.
        self.name_tails.update(tuple(name[k:]) for k in range(len(name) - 1))
        # A family name opening a sentence capitalises its particle: "De Blasio" of "Bill de Blasio".
        self.name_tails.update((name[k].capitalize(), *name[k + 1:]) for k in range(1, len(name) - 1)
                               if name[k] in PERSON_PARTICLES)
        return ent

    def _described_names(self, classified: list[tuple[Chunk, str, list[str], list[str]]]):
        """A person's name run on after words describing them ("former Miss Universe Alicia Machado"):
        where the run's last words are a full name the article gives on its own elsewhere, and the
        words before are no first name or particle, the name is those last words."""
        full = {tuple(name) for _ch, kind, title, name in classified
                if kind in ("person", "unknown") and len(name) >= 2 and not title}
        out = []
        for ch, kind, title, name in classified:
            if kind == "person" and len(name) >= 3:
                for k in range(1, len(name) - 1):
                    if tuple(name[k:]) in full and not any(
                            w in MALE_NAMES or w in FEMALE_NAMES or w.lower() in PERSON_PARTICLES for w in name[:k]):
                        title, name = [], name[k:]
                        break
            out.append((ch, kind, title, name))
        return out

    def _match_person(self, name: list[str], gender: str, title: list[str], at: int) -> _Ent | None:
        """The person a (possibly short) name refers to, among those seen so far."""
        if len(name) >= 2:
            return self._match_full_name(name, gender)
        return self._match_one_word(name, gender, title, at)

    def _match_full_name(self, name: list[str], gender: str) -> _Ent | None:
        """The person a name of two words or more refers to."""
        full_first = name[0]
        family = " ".join(name[1:]) if name[0] not in ("Le", "La") else " ".join(name)
        # Same first and last name, middle initials aside: "Donald J. Trump".
        for p in self.people:
            if not p.short and p.first == full_first and (p.surname == name[-1]):
                return p
        # A short name seen before ("President Assad") gets its full name now.
        for p in self.people:
            if p.short and (p.name == name[-1] or p.name == family) and (not gender or not p.gender or p.gender == gender):
                p.name_words = list(name)
                p.short = False
                return p
        # "Le Pen" as a family name, with a particle: match on the whole family.
        if name[0].lower() in PERSON_PARTICLES:
            cands = [p for p in self.people if p.family == " ".join(name) or p.surname == name[-1]]
            if cands:
                return cands[-1]
        return None

    def _match_one_word(self, name: list[str], gender: str, title: list[str], at: int) -> _Ent | None:
        """The person a one-word name refers to: a surname (the most recently mentioned of a family),
        or a first name after "Sir", "Dame", "Lord" or "Lady"."""
        word = name[0]
        cands = [p for p in self.people if (p.surname == word or p.family == word) and
                 (not gender or not p.gender or p.gender == gender)]
        if not cands and title and any(_norm(t) in ("sir", "dame", "lord", "lady") for t in title):
            cands = [p for p in self.people if not p.short and p.first == word]
        if not cands:
            # "Ban Ki-moon ... Mr. Ban": a given name of two syllables joined by a hyphen, the second
            # in lower case, is written after the family name (Korean names): the family is the first word.
            cands = [p for p in self.people if not p.short and len(p.name_words) == 2 and p.first == word
                     and _GIVEN_AFTER_FAMILY.fullmatch(p.surname) and (not gender or not p.gender or p.gender == gender)]
        if not cands and not title and word.lower() not in PLACES:
            # The first word of one person named in full before, and nobody's surname: a family name
            # written first ("Ban Ki-moon ... Ban said") or a first name used alone ("Hillary").
            firsts = [p for p in self.people if not p.short and len(p.name_words) >= 2 and p.first == word
                      and any(m[0] < at for m in p.mentions)]
            cands = firsts if len(firsts) == 1 else []
        if not cands:
            return None
        if len(cands) > 1:
            # Several of one family: the one named in full just before ("Bill Clinton ... Clinton
            # said"), else the one named most so far (an article about Ted Cruz that once names
            # Heidi Cruz goes on meaning Ted by "Cruz"), then the most recently mentioned.
            def rank(p: _Ent) -> tuple[int, int, int]:
                before = [m for m in p.mentions if m[0] < at]
                full = max((m[0] for m in before if " " in m[2].strip()), default=-1)
                recent = full if full >= at - RECENT_FULL_CHARS else -1
                return (recent, len(before), max((m[0] for m in before), default=-1))
            cands.sort(key=rank)
        return cands[-1]

    # The next pronoun in the clause, or the one opening the next sentence ("Obama said. He ...").
    _NEXT_PRONOUN = re.compile(r"\b(he|his|him|himself|she|her|hers|herself)\b|[.!?][”\"]?\s+(He|His|She|Her)\b|"
                               r"[!?;:“”\"]|\.\s+[A-Z]|\n", re.IGNORECASE)

    _SUBJECT_VERB = re.compile(r"(?:\s*,\s*who\b|\s+(?:[a-z]+ly\s+)?(?:[a-z]{2,}ed|[a-z]{2,}[^s]s|said|told|is|was|has|had|"
                               r"will|would|can|could|did|does|made|took|gave|went|came|wrote|spoke|ran|won|met|put|"
                               r"got|knew|thought|felt|left|became|began|held|kept|brought|sent|saw)\b)")

    def _pronoun_genders(self) -> None:
        """A person the text gives no title or known first name ("Suu Kyi", "Harvey") takes the
        gender of the pronouns that follow their mentions in the same clause ("Harvey said his ...")."""
        votes: dict[int, list[int]] = {}
        for _s, e, _surface, ent in self.mentions:
            if ent.kind != "person" or ent.gender:
                continue
            if not self._SUBJECT_VERB.match(self.text, e):
                continue  # an object's pronouns may well be somebody else's ("met with Biden, ... her")
            m = self._NEXT_PRONOUN.search(self.text, e, min(len(self.text), e + 120))
            pron = m and (m.group(1) or m.group(2))
            if pron:
                v = votes.setdefault(id(ent), [0, 0])
                v[0 if pron.lower() in ("he", "his", "him", "himself") else 1] += 1
        for ent in self.people:
            v = votes.get(id(ent))
            if v and max(v) >= 1 and min(v) == 0:
                ent.gender = "m" if v[0] else "f"

    def _split_of(self, chunks: list[Chunk]) -> tuple[list[Chunk], list[tuple[int, int]]]:
        """"Bill O'Reilly of Fox News", "Bernie Sanders of Vermont": a person, then an affiliation
        or a place; never one name. Returns the chunks and (person start, organisation start) pairs."""
        out: list[Chunk] = []
        pairs: list[tuple[int, int]] = []
        for ch in chunks:
            w = ch.words
            k = w.index("of") if "of" in w[2:-1] else -1
            # The name after its titles: "Mr.", "Senator" ("Senator Lamar Alexander of Tennessee").
            i = 0
            while i < k and (_norm(w[i]) in HONORIFICS or _norm(w[i]) in ROLE_TITLES):
                i += 1
            first = w[i] if i < k else w[0]
            # A known first name, or a name the tagger tags as a person's ("Lester Holt of NBC News").
            named = first in MALE_NAMES or first in FEMALE_NAMES or (
                k - i >= 2 and all(self.tags.get(s) == "PER" for s in ch.starts[i:k]))
            if k < 2 or not named or _norm(w[k - 1]) in ROLE_TITLES or _norm(w[k - 1]) in ROLE_NOUNS:
                out.append(ch)
                continue
            left = Chunk(w[:k], ch.starts[:k], ch.ends[:k], ch.sentence_initial, ch.the, False)
            right = Chunk(w[k + 1:], ch.starts[k + 1:], ch.ends[k + 1:], False, False, ch.possessive)
            out.extend([left, right])
            pairs.append((left.start, right.start))
        return out, pairs

    def _person_mention(self, ch: Chunk, title: list[str], name: list[str]):
        g = _gender_of_title(title) or (_first_name_gender(name[0]) if len(name) > 1 else "")
        ent = self._match_person(name, g, title, ch.start)
        if ent is None:
            if len(name) == 1 and not title and self.labels.get(name[0], 0) < 2:
                return
            ent = self._add_person(name, g, short=len(name) == 1)
        if g and not ent.gender:
            ent.gender = g
        if title and not any(_norm(t) in HONORIFICS or _norm(t) in ROLE_NOUNS for t in title):
            title = []  # "Rival Hillary Clinton": a description, not a title
        s = ch.starts[len(ch.words) - len(name) - len(title)]
        surface = self.text[s:ch.end]
        ent.mentions.append((s, ch.end, surface))
        if surface not in ent.aliases:
            ent.aliases.append(surface)
        if title and not all(_norm(t) in PURE_HONORIFICS for t in title):
            role = " ".join(t for t in title if _norm(t) not in PURE_HONORIFICS)
            if role and role.lower() not in (r.lower() for r, _ in ent.roles):
                ent.roles.append((role, None))
        self.mentions.append((s, ch.end, surface, ent))

    # "At a press conference in Chelsea, the mayor said": a name after "in" is a place.
    _AFTER_PLACE_WORD = re.compile(r"\b(?:in|near|across|outside|throughout)\s+$")

    def _unknown_mention(self, ch: Chunk, name: list[str]):
        """A capitalised name that is neither clearly a person nor an organisation."""
        if len(name) > 4:
            return
        ent = self._epithet(name) or self._org_short_form(name)
        if ent is None:
            ent = self._one_word_person(ch, name) if len(name) == 1 else self._several_words_entity(ch, name)
        if ent is None:
            return
        s = ch.starts[len(ch.words) - len(name)]
        surface = self.text[s:ch.end]
        ent.mentions.append((s, ch.end, surface))
        if surface not in ent.aliases:
            ent.aliases.append(surface)
        self.mentions.append((s, ch.end, surface, ent))

    def _one_word_person(self, ch: Chunk, name: list[str]) -> _Ent | None:
        """A one-word name: the person of that surname, or a new one when the name speaks."""
        ent = self._match_person(name, "", [], ch.start)
        word = name[0]
        if ent is None and word in self.firms:
            return self.firms[word]  # a firm's word the article made one (below) before
        # "Conway said", and "Christie, who has campaigned ...": "who" is said of people.
        who = self.text[ch.end:ch.end + 6].startswith(", who ")
        if ent is None and (self._speaks(ch) or who or self._tagged_speaker(ch, word)) and not word.isupper() and word not in CAP_STOPWORDS \
                and word.lower() not in PLACES and not _demonym(word) and word not in ORG_HEADS \
                and word not in NEUTRAL_HEADS and word.lower() not in MONTH_NAMES \
                and not self._AFTER_PLACE_WORD.search(self.text, max(0, ch.start - 12), ch.start):
            # "Peabody Energy ... Peabody said", "Nomura cut its forecast ... Nomura said": the firm
            ent = self._firm_short_form(ch, name) or self._add_person(name, "", short=True)
        return ent

    def _several_words_entity(self, ch: Chunk, name: list[str]) -> _Ent | None:
        """"Kellyanne Conway": a two- or three-word name whose last word the article uses alone or
        with a title, or who speaks ("Conway said"); a name of ordinary words that speaks is a body."""
        g = ""
        last = name[-1]
        after = self.text[ch.end:ch.end + 40].lstrip(" ,")
        speaks = self._speaks(ch)
        apposition = after.startswith("the ") or after.startswith("a ")
        who = self.text[ch.end:ch.end + 6].startswith(", who ")
        appos_role = apposition and bool(re.match(r"(?:the|a)\s+(?:[\w\-’']+\s+){0,5}?(?:"
                                                    + "|".join(ROLE_NOUNS) + r")\b", after))
        reused = last in self._titled_words()
        # A name the article already made a person ("Suu Kyi" again) is that person here too.
        ent = self._match_person(name, g, [], ch.start) if tuple(name) in self.name_tails else None
        surname_speaks = last in self.speaking_surnames
        # The tagger tags the whole name as a person's here ("Lester Holt of NBC News"), and no
        # word of it is an ordinary word: one the tagger knows as always other or the article
        # also writes in lower case ("Peabody Energy", "Fancy Bear", "Blackhawk Mining").
        tagged = all(self.tags.get(s) == "PER" for s in ch.starts[len(ch.words) - len(name):]) and not any(
            self.tagger.tagdict.get(w.lower()) == "O" or w.lower() in self.lower_words for w in name)
        if ent is None and speaks and not tagged and self._ordinary_words(name):
            return self._org_for(name, ch.the)  # "Zero Hedge asked": a site or a body speaks
        if ent is None and (speaks or appos_role or reused or who or surname_speaks or tagged):
            if not any(w.lower() in PLACES for w in name) and all(not w.isupper() for w in name):
                ent = self._match_person(name, g, [], ch.start) or self._add_person(name, "")
        return ent

    _TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Gov|Rep)\.? (?=\w)")
    _WORD_END = re.compile(r"\b")

    def _titled_words(self) -> frozenset[str]:
        """Every text a title is followed by up to a word boundary ("Mr. O'Neill" gives "O", "O'Neill"),
        read once an article: asking whether a surname is written with a title ("Mr. Conway") stays
        constant time however many names (a search of the whole text a name was quadratic)."""
        found = self.__dict__.get("_titled")
        if found is None:
            found = set()
            for m in self._TITLED.finditer(self.text):
                start = m.end()
                for b in self._WORD_END.finditer(self.text, start + 1, min(len(self.text), start + 40)):
                    found.add(self.text[start:b.start()])
            self.__dict__["_titled"] = found = frozenset(found)
        return found

    def _epithet(self, name: list[str]) -> _Ent | None:
        """"Crooked Hillary", "Little Marco": an epithet before the first name of a person the article
        names in full is that person (the epithet is no first name, the name no one else's)."""
        if len(name) != 2 or name[0] in MALE_NAMES or name[0] in FEMALE_NAMES or not name[0].isalpha():
            return None
        if tuple(name) in self.name_tails:
            return None
        if name[1] not in MALE_NAMES and name[1] not in FEMALE_NAMES:
            return None
        cands = [p for p in self.people if not p.short and len(p.name_words) >= 2 and p.first == name[1]]
        return cands[0] if len(cands) == 1 else None

    def _org_short_form(self, name: list[str]) -> _Ent | None:
        """"Patriot" after "Patriot Coal", "Peabody" after "Peabody Energy": the first word of an
        organisation's name, alone, is that organisation (when it is no person's name too)."""
        if len(name) != 1 or any(p.surname == name[0] or p.first == name[0] for p in self.people):
            return None
        cands = [o for o in self.orgs if len(o.name_words) >= 2 and o.name_words[0] == name[0] and o.mentions]
        return cands[0] if len(cands) == 1 else None

    def _ordinary_words(self, name: list[str]) -> bool:
        """Whether the tagger never reads the name as a person's anywhere in the article and one of
        its words is an ordinary word it knows as always other ("Zero Hedge")."""
        if not self.tags or self._reading(name) == "PER":
            return False
        return any(self.tagger.tagdict.get(w.lower()) == "O" for w in name)

    _CUE_AFTER = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?(?:,\s+[^,.;:\"“”]{1,100}){0,2},?\s*(?:also\s+|later\s+|then\s+)?(?:said|says|told|tells|added|adds|"
                            r"wrote|writes|argued|argues|tweeted|stated|explained|noted|insisted|warned|claimed|"
                            r"continued|asked|replied|responded|recalled|acknowledged|admitted|declared)\b")
    _CUE_BEFORE = re.compile(r"(?:said|says|according\s+to|added|asked|wrote|told|explained|continued|noted|argued|"
                             r"warned|insisted|stated|observed|recalled|replied|responded|declared|tweeted)\s+"
                             r"(?:[A-Z][\w’'.\-]*[’']s\s+)?(?:[a-z][\w\-]*\s+){0,3}$")

    # "“...” ― Jorge Falcon": a name signing the quotation before it, after a dash.
    _SIGNS = re.compile(r"[”\"]\s*[―—–]\s*$")

    # Words between a subject and its verb: "Trump later called for", "Sanders has compared".
    _VERB_AFTER = re.compile(r"\s+(?:(?:also|later|then|again|has|have|had|will|would|recently|repeatedly|"
                             r"quickly|publicly|once|never|not)\s+)*([a-z]+)\b")

    def _tagged_speaker(self, ch: Chunk, word: str) -> bool:
        """A surname the tagger tags a person's here and reads as one across the article, followed by
        a verb of the cue lexicon ("Sanders compared himself to", "Comey testified"): it speaks."""
        if not self.tags or self.tags.get(ch.start, "O") != "PER" or self._reading([word]) != "PER" \
                or not word.isalpha() or word in MALE_NAMES or word in FEMALE_NAMES or word.lower() in self.lower_words:
            return False  # (a first name alone is someone's named in full, or no one's)
        m = self._VERB_AFTER.match(self.text, ch.end)
        return bool(m and m.group(1) in CUE_LEMMA)

    def _speaks(self, ch: Chunk) -> bool:
        """A name that speaks: "O'Neill said", "said Limbaugh", "according to Limbaugh", or signs a
        quotation ("“...” ― Jorge Falcon")."""
        if self._CUE_AFTER.match(self.text, ch.end):
            return True
        before = self.text[max(0, ch.start - 60):ch.start]
        return bool(self._CUE_BEFORE.search(before) or self._SIGNS.search(before))

    def _find_by_name(self, name: str) -> _Ent | None:
        words = name.replace(".", "").split()
        for p in self.people:
            if p.name_words and p.surname == words[-1] and (p.short or p.first == words[0] or len(p.name_words) == 1):
                return p
        return None
