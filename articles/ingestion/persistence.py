"""Storing prepared files: one file, one transaction; idempotent; editors' work kept.

Identity:
- an article is its source file's name; a file whose bytes (sha256) and extractor version are
  unchanged is skipped without a write;
- a claim is (article, hash of its whitespace-normalised text): a re-import updates offsets and
  extracted fields in place and never touches review fields, links or evidence;
- people and organisations are found by their matching keys (articles.entities.resolution).

One entry point stores files, :func:`store`; :func:`reextract` runs the extractor again over a
stored article. The run itself (reading, worker processes, batches, the steps after) is
:mod:`articles.ingestion.pipeline`.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from articles import extraction
from articles.entities.keys import remember as remember_keys
from articles.entities.resolution import map_organisations, map_people, publisher_for
from articles.entities.selectors import known_people
from articles.extraction import Extraction
from articles.ingestion import bulk
from articles.ingestion.run_cache import RunCache
from articles.models import (
    Affiliation,
    Article,
    Claim,
    ClaimLink,
    EvidenceLink,
    Mention,
    Organisation,
    Person,
    Statistic,
)
from articles.services import families, filter_cache, matching, retry, source_kinds, web, webhooks
from articles.services.reader import Prepared

__all__ = ["FileResult", "RunCache", "reextract", "store"]


@dataclass
class FileResult:
    path: str
    status: str  # created | updated | unchanged | failed | parsed (dry run)
    error: str = ""
    article_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)


def store(preps: list[Prepared], run: RunCache | None = None, *, dry_run: bool = False) -> list[FileResult]:
    """Store prepared files, in input order; a result a file. ``run`` caches what a run looks up
    once (publishers, editors' decisions); ``dry_run``: write nothing, count what was extracted.

    Files new to the database go in together: one transaction, each kind of row in one statement
    for all of them (an import's writer is its serial stage, and per-statement costs were most of
    it). Files already stored, and a batch that fails as a whole, are stored one by one, so a bad
    file fails alone and the rest go in."""
    results: dict[int, FileResult] = {}
    todo = []
    for k, p in enumerate(preps):
        if p.error:
            results[k] = FileResult(p.path, "failed", error=p.error)
        elif dry_run:
            results[k] = _parsed(p)
        else:
            todo.append((k, p))
    for k, result in _store_new(todo, run).items():
        results[k] = result
    for k, p in todo:
        if k not in results:
            results[k] = _store_one(p, run)
    return [results[k] for k in range(len(preps))]


def _parsed(prep: Prepared) -> FileResult:
    ex = prep.extraction
    return FileResult(prep.path, "parsed", counts={
        "people": sum(e.kind == "person" for e in ex.entities),
        "organisations": sum(e.kind == "organisation" for e in ex.entities),
        "claims": len(ex.claims), "statistics": len(ex.statistics)})


def _store_new(todo: list[tuple[int, Prepared]], run: RunCache | None) -> dict[int, FileResult]:
    """Results of the files new to the database, stored as one batch; none if the batch fails (its
    files are then stored one by one) or if fewer than two files are new."""
    if len(todo) < 2:
        return {}
    names = Counter(p.source_file for _, p in todo)
    stored = set(Article.objects.filter(source_file__in=list(names)).values_list("source_file", flat=True))
    fresh = [(k, p) for k, p in todo if p.source_file not in stored and names[p.source_file] == 1]
    if len(fresh) < 2:
        return {}
    try:
        written = retry.run(_write_batch, fresh, run, on_retry=run.forget_rows if run is not None else None)
    except (DatabaseError, ValueError):
        if run is not None:
            run.forget_rows()  # rows it cached were rolled back with the batch
        return {}
    return {k: result for (k, _), result in zip(fresh, written, strict=True)}


def _store_one(prep: Prepared, run: RunCache | None) -> FileResult:
    """One file in its own transaction, under the retry policy: a lock or deadlock with a concurrent
    writer runs the transaction again whole (services.retry); a key a concurrent importer took
    meanwhile is tried once more; any other database error fails this file only."""
    forget = run.forget_rows if run is not None else None  # rows it cached were rolled back
    for attempt in range(2):
        try:
            # A lock or deadlock with a concurrent writer: the transaction is run again whole.
            return retry.run(_write_one, prep, run, on_retry=forget)
        except IntegrityError as exc:
            if forget:
                forget()  # a cached publisher merged away meanwhile, or rolled back: look it up again
            if attempt == 0:
                continue
            return FileResult(prep.path, "failed", error=f"could not store: {_one_line(exc)}")
        except (DatabaseError, ValueError) as exc:
            # Any database error fails this file only (its transaction rolled back whole); the run goes on.
            if forget:
                forget()
            hint = "; run the import again when the database is less busy" if isinstance(exc, retry.Busy) else ""
            return FileResult(prep.path, "failed", error=f"could not store: {_one_line(exc)}{hint}")
    raise AssertionError("unreachable")


def _write_one(prep: Prepared, run: RunCache | None = None) -> FileResult:
    """Write one prepared file in its own transaction: all of it or nothing."""
    parsed, ex = prep.parsed, prep.extraction
    assert parsed is not None and ex is not None
    remember_keys(prep.name_keys)
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(source_file=prep.source_file).first()
        if article and article.sha256 == prep.sha256 and article.extractor_version == extraction.VERSION:
            return FileResult(prep.path, "unchanged", article_id=article.pk)
        status = "updated" if article else "created"
        now = timezone.now()
        fields = _article_fields(prep, run, now)
        if article is None:
            # One statement: a concurrent importer that stored this file first has its row updated
            # with ours (ON CONFLICT (source_file) DO UPDATE), and the id comes back either way.
            article = Article(source_file=prep.source_file, imported_at=now, **fields)
            Article.objects.bulk_create([article], update_conflicts=True, unique_fields=["source_file"],
                                        update_fields=list(fields))
        else:
            for k, v in fields.items():
                setattr(article, k, v)
            article.save()
        counts = _save_extractions([(article, ex)], new=status == "created", run=run)[0]
        web.save_snapshot(article, prep.snapshot)
    return FileResult(prep.path, status, article_id=article.pk, counts=counts)


def _article_fields(prep: Prepared, run: RunCache | None, now) -> dict:
    parsed = prep.parsed
    fields = dict(title=parsed.title[:500], published=parsed.published, publisher=publisher_for(parsed.publisher, run),
                  body=parsed.text, paragraphs=[{"kind": b.kind, "start": b.start, "end": b.end} for b in parsed.blocks],
                  sha256=prep.sha256, word_count=len(parsed.text.split()), extractor_version=extraction.VERSION,
                  updated_at=now)
    if parsed.source_url:  # a file without the line keeps an address an editor gave
        fields["source_url"] = parsed.source_url
    return fields


def _write_batch(fresh: list[tuple[int, Prepared]], run: RunCache | None) -> list[FileResult]:
    """Write files new to the database in one transaction, each kind of row in one statement."""
    with transaction.atomic():
        now = timezone.now()
        articles = []
        for _, p in fresh:
            remember_keys(p.name_keys)
            articles.append(Article(source_file=p.source_file, imported_at=now, **_article_fields(p, run, now)))
        # A plain insert: a file a concurrent importer stored meanwhile fails the batch, which is
        # then stored file by file (each of those updates the other's row).
        bulk.bulk_insert(Article, articles)
        counts = _save_extractions([(a, p.extraction) for a, (_, p) in zip(articles, fresh, strict=True)], new=True, run=run)
        for a, (_, p) in zip(articles, fresh, strict=True):
            web.save_snapshot(a, p.snapshot)
    return [FileResult(p.path, "created", article_id=a.pk, counts=c)
            for (_, p), a, c in zip(fresh, articles, counts, strict=True)]


# An import that changed anything clears the admin's cached filter lists (services/filter_cache.py).
clear_filter_caches = filter_cache.clear


def text_key(text: str, n: int = 0) -> str:
    norm = " ".join(text.split())
    return hashlib.sha256(f"{n}:{norm}".encode()).hexdigest()[:40]


def _match_by_text(items, old: dict, make, created: list):
    """Pair each extracted item with its stored row by the hash of its text (the n-th repeat of a
    text keeps its own key); rows popped from ``old`` are matched, the rest of ``old`` is gone."""
    seen: dict[str, int] = {}
    for item in items:
        n = seen.get(item.text, 0)
        seen[item.text] = n + 1
        key = text_key(item.text, n)
        row = old.pop(key, None)
        if row is None:
            row = make(key)
            created.append(row)
        yield item, row


def _save_extractions(items: list[tuple[Article, Extraction]], new: bool = False,
                      run: RunCache | None = None) -> list[dict[str, int]]:
    """Replace each article's extracted rows with its extraction, keeping every editor's work:
    each kind of row goes in one statement for all of them, and entities are resolved across the
    batch as they would be one article after another. ``new``: the articles were just created, so
    there is nothing stored to match, keep or delete."""
    maps = _save_entities(items, new, run)
    stats = [_save_statistics(article, ex, new) for article, ex in items]
    rows = _save_claims(items, maps, stats, new)
    claims = [r for per_article in rows for r, _ in per_article]
    watch = webhooks.ImportWatch(claims)  # a checked claim repeated, a new claim matching a check
    families.assign(claims)
    if run is None or not run.library_empty:
        stored = matching.match_claims(claims)
        if run is not None and run.library_empty is None:
            run.library_empty = stored is None
    watch.tell()
    return [{"people": len(people), "organisations": len(orgs), "claims": len(r), "statistics": len(st)}
            for (people, orgs), r, st in zip(maps, rows, stats, strict=True)]


def _save_entities(items: list[tuple[Article, Extraction]], new: bool = False, run: RunCache | None = None
                   ) -> list[tuple[dict[int, Person], dict[int, Organisation]]]:
    """People and organisations (editors' identity decisions first), affiliations and mentions.
    Entities are keyed (article index, entity index) across the batch; each article gets its maps."""
    to_orgs: dict[tuple[int, int], Organisation] = {}
    to_people: dict[tuple[int, int], Person] = {}
    people = map_people({(a, i): e for a, (_, ex) in enumerate(items) for i, e in enumerate(ex.entities)
                         if e.kind == "person"}, to_orgs, run)
    orgs = map_organisations({(a, i): e for a, (_, ex) in enumerate(items) for i, e in enumerate(ex.entities)
                              if e.kind != "person"}, to_people, run)
    people.update(to_people)
    orgs.update(to_orgs)
    maps = [({i: p for (a2, i), p in people.items() if a2 == a}, {i: o for (a2, i), o in orgs.items() if a2 == a})
            for a in range(len(items))]
    if not new:
        ids = [article.pk for article, _ in items]
        Affiliation.objects.filter(article_id__in=ids).delete()
        Mention.objects.filter(article_id__in=ids).delete()
    affiliations, mentions = [], []
    for (article, ex), (ppl, org) in zip(items, maps, strict=True):
        org_by_name = {ex.entities[i].name: o for i, o in org.items()}
        # Affiliations stated by this article.
        affs = {(ppl[i].pk, role[:200], getattr(org_by_name.get(org_name), "pk", None)): (ppl[i], role[:200], org_name)
                for i, e in enumerate(ex.entities) if e.kind == "person" and i in ppl for role, org_name in e.roles}
        affiliations += [Affiliation(person=p, role=r, organisation=org_by_name.get(o), article=article)
                         for p, r, o in affs.values()]
        mentions += [(article.pk, getattr(ppl.get(m.entity), "pk", None), getattr(org.get(m.entity), "pk", None),
                      m.text[:200], m.start, m.end) for m in ex.mentions if m.entity in ppl or m.entity in org]
    if affiliations:
        Affiliation.objects.bulk_create(affiliations, ignore_conflicts=True)
    bulk.insert(Mention, ("article_id", "person_id", "organisation_id", "text", "start", "end"), mentions)
    return maps


def _save_statistics(article: Article, ex: Extraction, new: bool = False) -> list[Statistic]:
    """Statistics, matched by a hash of their text; an editor's corrections stay."""
    old_stats = {} if new else {s.key: s for s in Statistic.objects.filter(article=article)}
    stat_rows: list[Statistic] = []
    new_stats: list[Statistic] = []
    for st, row in _match_by_text(ex.statistics, old_stats, lambda key: Statistic(article=article, key=key),
                                  new_stats):
        if not row.edited:
            row.value, row.unit, row.currency = st.value, st.unit, st.currency
            row.qualifier, row.previous_value = st.qualifier[:40], st.previous_value
            row.upper_value = st.upper_value
            row.measure, row.period = st.measure[:200], st.period[:100]
        row.text, row.start, row.end = st.text[:500], st.start, st.end
        stat_rows.append(row)
    if new:
        return stat_rows  # nothing stored to delete or update; new rows go in with their claims
    gone = [s.pk for s in old_stats.values() if not s.edited]
    if gone:
        Statistic.objects.filter(pk__in=gone).delete()
    # New rows are inserted by _save_claims, once they know their claim (no UPDATE afterwards).
    Statistic.objects.bulk_update([s for s in stat_rows if s.pk is not None],
                                  ["value", "unit", "currency", "qualifier", "previous_value", "upper_value", "measure", "period",
                                   "text", "start", "end"])
    return stat_rows


def _save_claims(items: list[tuple[Article, Extraction]], maps, stats: list[list[Statistic]], new: bool = False
                 ) -> list[list[tuple[Claim, extraction.Claim]]]:
    """Claims, matched by a hash of their text; review fields, links and evidence are never touched."""
    out: list[list[tuple[Claim, extraction.Claim]]] = []
    new_claims: list[Claim] = []
    gone: list[Claim] = []
    for (article, ex), (people, orgs) in zip(items, maps, strict=True):
        old_claims = {} if new else {c.key: c for c in Claim.objects.filter(article=article)}
        rows: list[tuple[Claim, extraction.Claim]] = []
        for c, row in _match_by_text(ex.claims, old_claims, lambda key, art=article: Claim(article=art, key=key),
                                     new_claims):
            row.text, row.start, row.end, row.kind = c.text, c.start, c.end, c.kind
            row.published = article.published
            row.cue = c.cue[:60]
            row.frame = c.frame[:40]
            row.confidence = c.confidence
            row.in_text = True
            row.fingerprint = families.fingerprint(c.text)
            if not row.edited:
                row.speaker_text = c.speaker_text[:200]
                row.speaker = people.get(c.speaker) if c.speaker is not None else None
                row.organisation = orgs.get(c.speaker) if c.speaker is not None else None
            source_kinds.refresh(row)
            rows.append((row, c))
        out.append(rows)
        gone += old_claims.values()
    bulk.bulk_insert(Claim, new_claims)
    created = set(map(id, new_claims))
    everything = [(r, c, people, orgs) for rows, (people, orgs) in zip(out, maps, strict=True) for r, c in rows]
    if not new:
        Claim.objects.bulk_update([r for r, *_ in everything if id(r) not in created],
                                  ["text", "start", "end", "kind", "published", "cue", "frame", "confidence", "in_text", "fingerprint",
                                   "speaker_text", "speaker", "organisation", "source_kind", "updated_at"])
    _save_claim_mentions(everything, created)
    _link_statistics(out, stats)
    _drop_gone(gone)
    return out


def _save_claim_mentions(everything: list[tuple], created: set[int]) -> None:
    """The people and organisations each claim mentions; an editor's choice (``edited``) stays."""
    auto = [r for r, *_ in everything if not r.edited and id(r) not in created]
    MP, MO = Claim.mentioned_people.through, Claim.mentioned_organisations.through
    if auto:
        MP.objects.filter(claim__in=auto).delete()
        MO.objects.filter(claim__in=auto).delete()
    bulk.insert(MP, ("claim_id", "person_id"), [(r.pk, people[i].pk) for r, c, people, _ in everything if not r.edited
                                                for i in dict.fromkeys(c.mentions) if i in people])
    bulk.insert(MO, ("claim_id", "organisation_id"), [(r.pk, orgs[i].pk) for r, c, _, orgs in everything if not r.edited
                                                      for i in dict.fromkeys(c.mentions) if i in orgs])


def _link_statistics(out: list[list[tuple[Claim, extraction.Claim]]], stats: list[list[Statistic]]) -> None:
    """Each statistic to the claim it belongs to: new rows inserted with their claim, others updated."""
    linked, new_stats = [], []
    for rows, stat_rows in zip(out, stats, strict=True):
        for r, c in rows:
            for i in c.statistics:
                if stat_rows[i].claim_id != r.pk:
                    stat_rows[i].claim = r
                    if stat_rows[i].pk is not None:
                        linked.append(stat_rows[i])
        new_stats += [s for s in stat_rows if s.pk is None]
    bulk.bulk_insert(Statistic, new_stats)
    if linked:
        Statistic.objects.bulk_update(linked, ["claim"])


def _drop_gone(gone: list[Claim]) -> None:
    """Claims no longer in the text: kept (flagged) when editors worked on them, else removed."""
    if not gone:
        return
    ids = [c.pk for c in gone]
    worked = set(ClaimLink.objects.filter(source__in=ids).values_list("source_id", flat=True))
    worked |= set(ClaimLink.objects.filter(target__in=ids).values_list("target_id", flat=True))
    worked |= set(EvidenceLink.objects.filter(claim__in=ids).values_list("claim_id", flat=True))
    worked |= {c.pk for c in gone if c.has_review_work}
    Claim.objects.filter(pk__in=worked).update(in_text=False)
    Claim.objects.filter(pk__in=set(ids) - worked).delete()


def _one_line(exc: Exception) -> str:
    return re.sub(r"\s+", " ", str(exc))[:200]


def reextract(article: Article) -> dict[str, int]:
    """Run the current extractor again over an article's stored text, keeping all editors' work."""
    parsed = extraction.parse(article.body)
    ex = extraction.extract_article(parsed, known_people())
    with transaction.atomic():
        counts = _save_extractions([(article, ex)])[0]
        Article.objects.filter(pk=article.pk).update(extractor_version=extraction.VERSION, updated_at=timezone.now())
    filter_cache.clear()
    return counts
