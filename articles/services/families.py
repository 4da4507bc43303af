"""One statement across articles: claim families, and verdicts suggested from one appearance to another.

Two claims in different articles are one statement when their words are the same (a fingerprint:
the same quote, give or take punctuation and case), or when the same speaker says
nearly the same thing (word sets overlapping by ``NEAR`` or more: reported speech reworded slightly).
"""
from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from django.db.models import BigIntegerField, Case, Q, Value, When

from articles.models import Claim, ClaimFamily, ClaimLink, EvidenceLink
from articles.publishing.selectors import published_checks
from articles.services import links, retry, review

NEAR = 0.8
WINDOW = timedelta(days=60)
MIN_WORDS = 5  # "It is not true." is not one statement across articles


_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    """Every word, lower-cased: the same statement is the same words (stemming would blur "will"
    and "would" for nothing, and costs more than the rest of an article's import)."""
    return _WORD.findall(text.lower())


def fingerprint(text: str) -> str:
    words = _words(text)
    if len(words) < MIN_WORDS:
        return ""
    return hashlib.sha1(" ".join(words).encode()).hexdigest()


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _near(a, b) -> bool:
    """Within the window of one statement's reworded reports (undated claims are not held apart)."""
    return a is None or b is None or abs(a - b) <= WINDOW


def assign(claims: list[Claim]) -> int:
    """Put each claim in the family of its other appearances (creating one when two first meet).
    Returns how many claims joined a family. Call it inside the import's transaction."""
    claims = [c for c in claims if c.fingerprint and c.pk]
    if not claims:
        return 0
    fingerprints = {c.fingerprint for c in claims}
    article_ids = {c.article_id for c in claims}
    ids = {c.pk for c in claims}
    speakers = {c.speaker_id for c in claims if c.speaker_id}
    dates = [c.published for c in claims if c.published]
    near_speech = Q(speaker_id__in=speakers, in_text=True) & ~Q(article_id__in=article_ids)
    if dates:
        # Reworded reports of one statement come out within weeks of each other; looking further
        # back would read every claim a much-quoted speaker ever made, on every import.
        near_speech &= Q(published__range=(min(dates) - WINDOW, max(dates) + WINDOW))
    # One query: the same wording anywhere, and what the same speakers said in other articles.
    others = Claim.objects.filter(Q(fingerprint__in=fingerprints) | near_speech)
    same: dict[str, list[tuple[int, int | None]]] = {}
    by_speaker: dict[int, list[tuple[int, int | None, set[str], object]]] = {}
    for pk, fp, sp, txt, fam, art, day in others.exclude(pk__in=ids).values_list(
            "pk", "fingerprint", "speaker_id", "text", "family_id", "article_id", "published"):
        if fp in fingerprints:
            same.setdefault(fp, []).append((pk, fam))
        if sp in speakers and art not in article_ids:
            by_speaker.setdefault(sp, []).append((pk, fam, set(_words(txt)), day))
    joined = 0
    decided = _Decisions()
    # Claims of other articles stored in the same call (an import stores a batch of articles) are
    # partners too: each claim meets the batch's earlier claims, with their families as they are now.
    seen_same: dict[str, list[Claim]] = {}
    seen_speaker: dict[int, list[tuple[Claim, set[str]]]] = {}
    for claim in claims:
        words = set(_words(claim.text)) if claim.speaker_id else set()
        partners = [(pk, decided.family(pk, fam)) for pk, fam in same.get(claim.fingerprint, [])]
        if claim.speaker_id in by_speaker:
            partners += [(pk, decided.family(pk, fam)) for pk, fam, w, day in by_speaker[claim.speaker_id]
                         if _near(claim.published, day) and _jaccard(words, w) >= NEAR
                         and all(pk != p for p, _ in partners)]
        batch = [o for o in seen_same.get(claim.fingerprint, []) if o.article_id != claim.article_id]
        batch += [o for o, w in seen_speaker.get(claim.speaker_id, [])
                  if o.article_id != claim.article_id and o not in batch and _near(claim.published, o.published)
                  and _jaccard(words, w) >= NEAR]
        partners += [(o.pk, decided.family(o.pk, o.family_id)) for o in batch]
        joined += decided.join(claim, partners)
        seen_same.setdefault(claim.fingerprint, []).append(claim)
        if claim.speaker_id:
            seen_speaker.setdefault(claim.speaker_id, []).append((claim, words))
    decided.write(claims)
    return joined


class _Decisions:
    """The families one assign() call decides, written at the end: the new families in one insert
    and every claim's family in one update, however many claims join (an article whose quotes
    repeat earlier ones costs two statements, not three a quote)."""

    def __init__(self):
        self.new: list[ClaimFamily] = []
        self.of: dict[int, int | ClaimFamily] = {}  # claim pk -> its family: an id, or one to create

    def family(self, pk: int, stored: int | None):
        return self.of.get(pk, stored)

    def join(self, claim: Claim, partners: list[tuple[int, object]]) -> int:
        """Put the claim and its partners in one family; 1 if the claim joined one."""
        if not partners:
            return 0
        current = self.of.get(claim.pk, claim.family_id)
        family = current or next((fam for _, fam in partners if fam), None)
        if family is None:
            family = ClaimFamily()
            self.new.append(family)
        for pk, fam in partners:
            if fam is None:
                self.of[pk] = family
        if current is not None and (current is family or (type(current) is int and current == family)):
            return 0
        self.of[claim.pk] = family
        return 1

    def write(self, claims: list[Claim]) -> None:
        if self.new:
            ClaimFamily.objects.bulk_create(self.new)
        ids = {pk: fam.pk if isinstance(fam, ClaimFamily) else fam for pk, fam in self.of.items()}
        if not ids:
            return
        Claim.objects.filter(pk__in=list(ids)).update(family_id=Case(
            *[When(pk=pk, then=Value(fid)) for pk, fid in ids.items()], output_field=BigIntegerField()))
        for c in claims:
            if c.pk in ids:
                c.family_id = ids[c.pk]


def checked_appearance(claim: Claim) -> Claim | None:
    """The latest published check of another appearance of the claim's statement."""
    if not claim.family_id:
        return None
    return (published_checks().filter(family_id=claim.family_id).exclude(pk=claim.pk).order_by("-reviewed_at", "-id").first())


def suggested_verdict(claim: Claim) -> Claim | None:
    """The appearance whose verdict is suggested for ``claim``: None once the claim is checked."""
    if claim.status == Claim.Status.CHECKED:
        return None
    return checked_appearance(claim)


@retry.atomic
def confirm_suggestion(claim: Claim, user, *, version: int | None = None, source_id: int | None = None) -> Claim | None:
    """An editor's confirmed choice: the claim takes the checked appearance's verdict, rationale
    and evidence, and is checked. Returns the appearance it was taken from (None if there is none,
    or if it is no longer ``source_id``, the one the editor was shown). ``version``: the claim's
    version the editor read (:func:`review.apply_review`).

    The rationale is the other check's own words: the public page and the feeds show it, so no
    internal id goes into it. That this claim repeats the other is recorded as a link between the
    two claims ("repeats"), in both claims' history."""
    source = suggested_verdict(claim)
    if source is None or (source_id is not None and source.pk != source_id):
        return None
    rationale = claim.rationale or source.rationale
    review.apply_review(claim, user, version=version, status=Claim.Status.CHECKED, verdict=source.verdict,
                        rationale=rationale)
    have = set(claim.evidence.values_list("url", flat=True))
    old = list(have)
    EvidenceLink.objects.bulk_create([EvidenceLink(claim=claim, url=e.url, title=e.title)
                                      for e in source.evidence.all() if e.url not in have])
    review.evidence_changed(claim, user, old, was_published=False)  # a check is taken by an unchecked claim
    if not ClaimLink.objects.filter(Q(source=claim, target=source) | Q(source=source, target=claim),
                                    relation=ClaimLink.Relation.REPEATS).exists():
        links.create_link(claim, source, ClaimLink.Relation.REPEATS, user, note="Verdict taken from this check.")
    return source
