"""The learned name tagger's vote: its tags for a chunk's words, and its reading of a name across the article."""
from __future__ import annotations

import re
from collections import Counter

from ..lexicon import FEMALE_NAMES, HONORIFICS, MALE_NAMES, NAME_CONNECTORS, ORG_HEADS, PURE_HONORIFICS
from .records import Chunk
from .words import PARTY_WORDS, ROLE_NOUNS, ROLE_TITLES, _norm

TAG_ORDER = ("PER", "ORG", "LOC", "O")


def _vote_key(word: str) -> str:
    """A word as the tagger's votes key it: no possessive, no full stop ("Gingrich’s" -> "Gingrich")."""
    return _POSSESSIVE_END.sub("", word).rstrip(".")


_POSSESSIVE_END = re.compile(r"[’']s$")


class TaggerVote:
    """The tagger's side of the entity finder (a mixin of EntityFinder: reads self.tags, self.votes,
    self.lower_words, self.tagged_surnames and self.tagger)."""

    def _read_tags(self) -> None:
        """The tagger's tags for the body blocks, its votes per capitalised word, the words written in
        lower case, and the surnames of names of two words or more it tagged as a person's."""
        text = self.text
        for b in self.blocks:
            run = 0
            for t in self.tagger.tag(text, b.start, b.end):
                self.tags[t.start] = t.tag
                run = run + 1 if t.tag == "PER" else 0
                if run >= 2:
                    self.tagged_surnames.add(_vote_key(t.word))
                if t.word[:1].isupper():
                    self.votes.setdefault(_vote_key(t.word), Counter())[t.tag] += 1
                elif t.word[:1].islower():
                    self.lower_words.add(t.word)

    def _name_tags(self, ch: Chunk, name: list[str]) -> list[str]:
        """The tagger's tags of a chunk's last len(name) words, here."""
        k = len(ch.words) - len(name)
        return [self.tags.get(s, "O") for s in ch.starts[k:]]

    def _reading(self, name: list[str]) -> str:
        """What the tagger reads a name as across the article: the tag it gave the name's words
        most often wherever they stand ("PER", "ORG", "LOC" or "O"; a tie goes to the name tag).
        One mention in an odd context ("Speaker of the House Newt Gingrich's") is outvoted by the
        others."""
        votes: Counter[str] = Counter()
        for w in name:
            if w.lower() not in NAME_CONNECTORS:
                votes.update(self.votes.get(_vote_key(w), ()))
        return max(TAG_ORDER, key=lambda t: (votes[t], t != "O", t == "PER"))

    def _strip_untagged(self, ch: Chunk, words: list[str]) -> list[str]:
        """A sentence's first word that the tagger keeps out of the name after it is a sentence
        word, not a name ("Injecting Clinton", "Hosting Cook"); titles, honorifics, party words and
        known first names stay."""
        if not ch.sentence_initial or len(words) < 2 or len(words) != len(ch.words):
            return words
        w = words[0]
        if self.tags.get(ch.start, "O") != "O" or "PER" not in self._name_tags(ch, words[1:]):
            return words
        if _norm(w) in HONORIFICS or _norm(w) in ROLE_NOUNS or _norm(w) in ROLE_TITLES or w in PARTY_WORDS \
                or w in MALE_NAMES or w in FEMALE_NAMES or self._reading([w]) != "O":
            return words
        # Only an ordinary word: one the article also writes in lower case, one the tagger learned
        # is always other ("now", "having"), or a participle opening its clause ("Injecting
        # Clinton into ...", "Hosting Cook, ..."); an unfamiliar first name ("Amelize") stays.
        low = w.lower()
        if low in self.lower_words or self.tagger.tagdict.get(low) == "O" or (
                len(low) > 5 and low.endswith(("ing", "ed"))):
            return words[1:]
        return words

    def _check_person(self, ch: Chunk, kind: str, title: list[str], name: list[str]):
        """A name is a person's only if the tagger reads it as one, here or elsewhere in the
        article; otherwise it is what the tagger reads (an organisation), or neutral (a place, a
        programme, a sentence word). A person named with an honorific ("Mr. Xu") stays one."""
        here = [t for t, w in zip(self._name_tags(ch, name), name, strict=True) if w.lower() not in NAME_CONNECTORS]
        if not here or "PER" in here:
            return kind, title, name
        if kind == "person" and any(_norm(t) in PURE_HONORIFICS for t in title):
            if [_norm(t) for t in title] == ["miss"] and len(name) == 1 \
                    and not self.votes.get(_vote_key(name[0]), {}).get("PER"):
                return "neutral", [], name  # "Miss Universe", "Miss America": a pageant's title, no one's name
            return kind, title, name
        if len(name) == 1 and _vote_key(name[0]) in self.tagged_surnames:
            # The surname of a person the tagger found named in full: CoreNLP, its teacher, often
            # leaves a surname opening a sentence untagged ("Trump said"), so this one may be too.
            return kind, title, name
        reading = self._reading(name)
        if reading == "PER":
            return kind, title, name
        first = self.votes.get(_vote_key(name[0]), Counter())
        if len(name) >= 2 and all(t == "ORG" for t in here) and not first["PER"] and first["LOC"] + first["ORG"] >= 3:
            # Every word an organisation's here, and the "first name" a place or a body throughout
            # the article ("the Charlotte Panthers" in an article about Charlotte, Florence, Austin).
            return "org", [], name
        if kind == "person" and len(name) >= 2 and (name[0] in MALE_NAMES or name[0] in FEMALE_NAMES) \
                and reading != "LOC" and not ((here[-1] == "O" or ch.the) and self.tagger.tagdict.get(name[-1].lower()) == "O"):
            # A known first name and a surname outweigh the tagger, but for a place, or a "surname"
            # that is an ordinary word the tagger keeps out of names here ("Marine One") or after "the"
            # ("The Kelly File": a programme's; no one's name follows "the").
            return kind, title, name
        if reading == "ORG" and len(name) >= 2 and all(t == "ORG" for t in here):
            return "org", [], name
        if reading == "ORG" and here == ["ORG"] and kind == "unknown" and not name[0].isupper() \
                and self._organisation_word(name[0]):
            # One word the tagger reads as an organisation's here and across the article ("Forbes",
            # "ProPublica", "the Post" after "The Washington Post"): an organisation, not nothing.
            return "org", [], name
        return "neutral", [], name

    def _organisation_word(self, word: str) -> bool:
        """A word that may name an organisation alone: tagged one at two places or more, no ordinary
        word (written in lower case in the article, or always other to the tagger) and never read as
        a person's (a surname, "Moore")."""
        key = _vote_key(word)
        if word in ORG_HEADS:
            return True  # "the Post", "the Times": a paper's head word
        votes = self.votes.get(key, Counter())
        if votes["ORG"] < 2:
            return False  # tagged an organisation's once only: a heading's word, a surname
        return not (word.lower() in self.lower_words or self.tagger.tagdict.get(word.lower()) == "O"
                    or key in self.tagged_surnames or self.votes.get(key, Counter())["PER"]
                    or word in MALE_NAMES or word in FEMALE_NAMES)

    def _split_and_by_tags(self, chunks: list[Chunk]) -> list[Chunk]:
        """"CNN's Anderson Cooper and Fox News' Chris Wallace": a run joined by "and" whose sides the
        tagger reads as different kinds (a person's name, an organisation's), or as two people's full
        names, is two names, whatever the capitalisation rules made of it."""
        if not self.tags:
            return chunks
        out: list[Chunk] = []
        for ch in chunks:
            w = ch.words
            k = w.index("and") if "and" in w[1:-1] else -1
            if k < 1:
                out.append(ch)
                continue
            left = {self.tags.get(s, "O") for s in ch.starts[:k]}
            right = {self.tags.get(s, "O") for s in ch.starts[k + 1:]}
            # Two full names of people ("Jeb Bush and Marco Rubio") are two people too; a first name
            # before "and" shares the family name after it ("Bill and Melinda Gates").
            # (What describes the first person stays before it: "Floridians Jeb Bush and ...".)
            two_people = right == {"PER"} and k >= 2 and len(w) - k - 1 >= 2 \
                and all(self.tags.get(s, "O") == "PER" for s in ch.starts[k - 2:k])
            if two_people or len(left) == 1 and len(right) == 1 and left != right and {*left, *right} <= {"PER", "ORG"}:
                out.append(Chunk(w[:k], ch.starts[:k], ch.ends[:k], ch.sentence_initial, ch.the, False))
                out.append(Chunk(w[k + 1:], ch.starts[k + 1:], ch.ends[k + 1:], False, False, ch.possessive))
            else:
                out.append(ch)
        return out
