"""Turn seed files into database rows: one file, one transaction; idempotent; editors' work kept.

Identity:
- an article is its source file's name; a file whose bytes (sha256) and extractor version are
  unchanged is skipped without a write;
- a claim is (article, hash of its whitespace-normalised text): a re-import updates offsets and
  extracted fields in place and never touches review fields, links or evidence;
- a person or an organisation is found by the matching key of its full name or of any alias
  (so a merged record's names keep mapping to the record an editor kept).
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles import extraction
from articles.extraction import Extraction, KnownPerson, ParsedArticle, SeedFormatError
from articles.models import (
    Affiliation,
    Article,
    Claim,
    Mention,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Statistic,
    name_key,
)

ROLE_WORDS = {"minister", "secretary", "president", "president-elect", "leader", "chancellor", "spokesman"}


class ImportError_(Exception):
    """A file that cannot be imported; str() is the one-line reason."""


@dataclass
class FileResult:
    path: str
    status: str  # created | updated | unchanged | failed | parsed (dry run)
    error: str = ""
    article_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Prepared:
    """A file read, parsed and extracted: everything that can be done without the database."""

    path: str
    source_file: str
    sha256: str
    parsed: ParsedArticle | None = None
    extraction: Extraction | None = None
    error: str = ""


def read_file(path: str | os.PathLike, max_bytes: int | None = None) -> tuple[bytes, str]:
    """The file's bytes and sha256; ImportError_ with the reason when it cannot be read."""
    max_bytes = max_bytes or settings.CLAIMSDB_MAX_SEED_BYTES
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise ImportError_(f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = p.read_bytes()
    except OSError as exc:
        raise ImportError_(f"cannot read file: {exc.strerror or exc}") from None
    return data, hashlib.sha256(data).hexdigest()


def prepare(path: str | os.PathLike, known: list[KnownPerson] | None = None) -> Prepared:
    """Read, parse and extract one file. Pure apart from reading the file: safe in worker processes."""
    p = Path(path)
    try:
        data, digest = read_file(p)
    except ImportError_ as exc:
        return Prepared(str(p), p.name, "", error=str(exc))
    try:
        parsed = extraction.parse_bytes(data)
    except SeedFormatError as exc:
        return Prepared(str(p), p.name, digest, error=str(exc))
    return Prepared(str(p), p.name, digest, parsed, extraction.extract_article(parsed, known))


def known_people() -> list[KnownPerson]:
    """People with roles an editor entered (not tied to an article): they resolve "the Prime Minister"."""
    roles: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    for aff in Affiliation.objects.filter(article__isnull=True).exclude(role="").select_related("person"):
        roles.setdefault(aff.person_id, []).append(aff.role.lower())
        names[aff.person_id] = aff.person.name
    return [KnownPerson(name=names[pid], roles=tuple(r)) for pid, r in roles.items()]


def is_full_name(alias: str) -> bool:
    key = name_key(alias)
    words = key.split()
    return len(words) >= 2 and not any(w in ROLE_WORDS for w in words)


# -- entity mapping ---------------------------------------------------------------------------
def _retry_unique(create, lookup):
    """Create a row; when a concurrent importer created it first, fetch theirs."""
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        found = lookup()
        if found is None:
            raise
        return found


def find_person(keys: list[str]) -> Person | None:
    if not keys:
        return None
    alias = PersonAlias.objects.filter(key__in=keys, is_name=True).select_related("person").first()
    if alias:
        return alias.person
    return Person.objects.filter(key__in=keys).first()


def map_person(ent: extraction.Entity) -> Person:
    key = name_key(ent.name)
    full_keys = [key] + [name_key(a) for a in ent.aliases if is_full_name(a)]
    if len(key.split()) == 1:
        # Known by one name only ("Assad"): match people whose surname it is only via an alias.
        full_keys = [key]
    person = find_person(full_keys)
    if person is None:
        person = _retry_unique(lambda: Person.objects.create(name=ent.name, key=key, gender=ent.gender),
                               lambda: Person.objects.filter(key=key).first())
    elif ent.gender and not person.gender:
        Person.objects.filter(pk=person.pk).update(gender=ent.gender)
    for alias in dict.fromkeys([ent.name, *ent.aliases]):
        add_person_alias(person, alias)
    return person


def add_person_alias(person: Person, alias: str) -> None:
    k = name_key(alias)
    if not k or PersonAlias.objects.filter(person=person, key=k).exists():
        return
    full = is_full_name(alias) and not PersonAlias.objects.filter(key=k, is_name=True).exists()
    try:
        with transaction.atomic():
            PersonAlias.objects.create(person=person, name=alias[:200], key=k, is_name=full)
    except IntegrityError:
        pass  # another importer added it meanwhile


def map_organisation(ent: extraction.Entity) -> Organisation:
    keys = [name_key(ent.name)] + [name_key(a) for a in ent.aliases]
    alias = OrganisationAlias.objects.filter(key__in=keys).select_related("organisation").first()
    org = alias.organisation if alias else Organisation.objects.filter(key__in=keys).first()
    if org is None:
        key = keys[0]
        org = _retry_unique(
            lambda: Organisation.objects.create(name=ent.name, key=key, kind=ent.org_kind or "other"),
            lambda: Organisation.objects.filter(key=key).first())
    for a in dict.fromkeys([ent.name, *ent.aliases]):
        add_org_alias(org, a)
    return org


def add_org_alias(org: Organisation, alias: str) -> None:
    k = name_key(alias)
    if not k or OrganisationAlias.objects.filter(key=k).exists():
        return
    try:
        with transaction.atomic():
            OrganisationAlias.objects.create(organisation=org, name=alias[:200], key=k)
    except IntegrityError:
        pass


def publisher_for(name: str | None) -> Organisation | None:
    if not name:
        return None
    ent = extraction.Entity(kind="organisation", name=name, aliases=[name], org_kind="news")
    return map_organisation(ent)


# -- storing ----------------------------------------------------------------------------------
def text_key(text: str, n: int = 0) -> str:
    norm = " ".join(text.split())
    return hashlib.sha256(f"{n}:{norm}".encode()).hexdigest()[:40]


def store(prep: Prepared) -> FileResult:
    """Write one prepared file in its own transaction: all of it or nothing."""
    parsed, ex = prep.parsed, prep.extraction
    assert parsed is not None and ex is not None
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(source_file=prep.source_file).first()
        if article and article.sha256 == prep.sha256 and article.extractor_version == extraction.VERSION:
            return FileResult(prep.path, "unchanged", article_id=article.pk)
        status = "updated" if article else "created"
        now = timezone.now()
        fields = dict(title=parsed.title[:500], published=parsed.published, publisher=publisher_for(parsed.publisher),
                      body=parsed.text, paragraphs=[{"kind": b.kind, "start": b.start, "end": b.end} for b in parsed.blocks],
                      sha256=prep.sha256, word_count=len(parsed.text.split()), extractor_version=extraction.VERSION,
                      updated_at=now)
        if article is None:
            try:
                with transaction.atomic():
                    article = Article.objects.create(source_file=prep.source_file, imported_at=now, **fields)
            except IntegrityError:
                # Another importer stored this file first: theirs stands, ours updates it.
                article = Article.objects.select_for_update().get(source_file=prep.source_file)
                status = "updated"
                for k, v in fields.items():
                    setattr(article, k, v)
                article.save()
        else:
            for k, v in fields.items():
                setattr(article, k, v)
            article.save()
        counts = save_extraction(article, ex)
    return FileResult(prep.path, status, article_id=article.pk, counts=counts)


def save_extraction(article: Article, ex: Extraction) -> dict[str, int]:
    """Replace the article's extracted rows with ``ex``, keeping every editor's work."""
    people: dict[int, Person] = {}
    orgs: dict[int, Organisation] = {}
    for i, ent in enumerate(ex.entities):
        if ent.kind == "person":
            people[i] = map_person(ent)
        else:
            orgs[i] = map_organisation(ent)
    # Affiliations stated by this article.
    Affiliation.objects.filter(article=article).delete()
    for i, ent in enumerate(ex.entities):
        if ent.kind != "person":
            continue
        for role, org_name in ent.roles:
            org = None
            if org_name:
                org = next((orgs[j] for j, e in enumerate(ex.entities) if j in orgs and e.name == org_name), None)
            Affiliation.objects.get_or_create(person=people[i], role=role[:200], organisation=org, article=article)

    Mention.objects.filter(article=article).delete()
    Mention.objects.bulk_create([
        Mention(article=article, person=people.get(m.entity), organisation=orgs.get(m.entity),
                text=m.text[:200], start=m.start, end=m.end) for m in ex.mentions], ignore_conflicts=True)

    # Statistics first: claims link to them.
    old_stats = {s.key: s for s in Statistic.objects.filter(article=article)}
    stat_rows: list[Statistic] = []
    seen_keys: dict[str, int] = {}
    for st in ex.statistics:
        n = seen_keys.get(st.text, 0)
        seen_keys[st.text] = n + 1
        key = text_key(st.text, n)
        row = old_stats.pop(key, None) or Statistic(article=article, key=key)
        if not row.edited:
            row.value, row.unit, row.currency = st.value, st.unit, st.currency
            row.qualifier, row.previous_value = st.qualifier[:40], st.previous_value
            row.measure, row.period = st.measure[:200], st.period[:100]
        row.text, row.start, row.end = st.text[:500], st.start, st.end
        row.save()
        stat_rows.append(row)
    Statistic.objects.filter(pk__in=[s.pk for s in old_stats.values() if not s.edited]).delete()

    old_claims = {c.key: c for c in Claim.objects.filter(article=article)}
    seen_keys = {}
    kept = 0
    for c in ex.claims:
        n = seen_keys.get(c.text, 0)
        seen_keys[c.text] = n + 1
        key = text_key(c.text, n)
        row = old_claims.pop(key, None) or Claim(article=article, key=key)
        row.text, row.start, row.end, row.kind = c.text, c.start, c.end, c.kind
        row.cue = c.cue[:60]
        row.in_text = True
        if not row.edited:
            row.speaker_text = c.speaker_text[:200]
            row.speaker = people.get(c.speaker) if c.speaker is not None else None
            row.organisation = orgs.get(c.speaker) if c.speaker is not None else None
        row.save()
        if not row.edited:
            row.mentioned_people.set([people[i] for i in c.mentions if i in people])
            row.mentioned_organisations.set([orgs[i] for i in c.mentions if i in orgs])
        for i in c.statistics:
            s = stat_rows[i]
            if s.claim_id != row.pk:
                Statistic.objects.filter(pk=s.pk).update(claim=row)
        kept += 1
    # Claims no longer in the text: kept when editors worked on them, else removed.
    for row in old_claims.values():
        if row.has_review_work or row.links_out.exists() or row.links_in.exists() or row.evidence.exists():
            if row.in_text:
                row.in_text = False
                row.save(update_fields=["in_text"])
        else:
            row.delete()
    return {"people": len(people), "organisations": len(orgs), "claims": kept, "statistics": len(stat_rows)}


def seed_paths(paths: list[str]) -> tuple[list[Path], list[FileResult]]:
    """Files to import from files and directories (*.txt), and errors for paths that do not exist."""
    files: list[Path] = []
    errors: list[FileResult] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(x for x in p.glob("*.txt") if x.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            errors.append(FileResult(str(p), "failed", error="no such file or directory"))
    # The same file named twice is imported once.
    unique = list(dict.fromkeys(f.resolve() for f in files))
    return unique, errors


def import_file(path: str | os.PathLike, *, dry_run: bool = False) -> FileResult:
    prep = prepare(path, known_people())
    return store_prepared(prep, dry_run=dry_run)


def store_prepared(prep: Prepared, *, dry_run: bool = False) -> FileResult:
    if prep.error:
        return FileResult(prep.path, "failed", error=prep.error)
    if dry_run:
        ex = prep.extraction
        return FileResult(prep.path, "parsed", counts={
            "people": sum(e.kind == "person" for e in ex.entities),
            "organisations": sum(e.kind == "organisation" for e in ex.entities),
            "claims": len(ex.claims), "statistics": len(ex.statistics)})
    try:
        return store(prep)
    except (IntegrityError, ValueError) as exc:
        reason = re.sub(r"\s+", " ", str(exc))[:200]
        return FileResult(prep.path, "failed", error=f"could not store: {reason}")


def reextract(article: Article) -> dict[str, int]:
    """Run the current extractor again over an article's stored text, keeping all editors' work."""
    parsed = extraction.parse(article.body)
    ex = extraction.extract_article(parsed, known_people())
    with transaction.atomic():
        counts = save_extraction(article, ex)
        Article.objects.filter(pk=article.pk).update(extractor_version=extraction.VERSION, updated_at=timezone.now())
    return counts
