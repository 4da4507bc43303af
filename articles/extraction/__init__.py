"""Pure-Python extraction: article text in, dataclasses out. No Django import here.

    >>> from articles.extraction import extract_article, parse
    >>> result = extract_article(parse(text))

Every item carries character offsets into the article text.
"""
from __future__ import annotations

from datetime import date

from . import document, marks
from .budget import NO_DEADLINE, Deadline, ExtractionTimeout
from .claims import ClaimFinder, discourse, nested, phrases, resolve, resolver
from .claims.org_names import according_to_names, document_authors, name_org_sources
from .entities import EntityFinder
from .indexes import link
from .learned.confidence import score_claims
from .learned.model import CueModel, default_model
from .seedformat import SeedFormatError, parse, parse_bytes
from .statistics import StatisticFinder
from .types import Block, Claim, Entity, Extraction, KnownPerson, Mention, ParsedArticle, Statistic

# Bump when the rules or the learned models change: the importer re-extracts older articles.
# 2.3: the learned name tagger decides who is a person (learned/tagger.py).
# 2.4: claims record the frame that placed them (claims/frames.py).
# 2.5: named sources (headlines, campaigns, labels, signatures), the resolver's learned features,
#      structural forms (asides, conditions, findings, signed posts), the learned frame's spans.
# 2.6: cue model past the word form (stem back-off, apostrophes); direct quotes whole across
#      paragraphs and interruptions; context-typed entities; 'it'/'they' bounded to nearby names.
# 3.6: quotations in single marks (marks.py); a cue ending its sentence after the content; firms'
#      names; the resolver trained to convergence; verbs of making need a clause.
# 3.8: source words trimmed to their subject (source_words.py), asides inside the sentence they
#      report, firms filed as people, towns with their state, headline kickers no source.
# 3.9: distributional word classes in the cue model (learned/word_clusters.txt); contracted subject
#      pronouns; reader-addressed and verb-phrase sources; asides before "that"; relative-clause
#      contents and speakers; headline kickers, adverbs and "Says:" lines.
# 4.0: the hearer of a verb of telling and a fronted subordinate clause outside the content; subordinate
#      clauses kept in a reported content; "according to" asides with their source's description;
#      bylines no source; trailing attributions cut from a content (an inner claim keeps its speaker);
#      role phrases "a spokesman for X", opening participle phrases, modal surnames, title-case
#      "Voters Say ..." headlines.
VERSION = "4.0"

__all__ = ["VERSION", "Block", "Claim", "Deadline", "ExtractionTimeout", "Entity", "Extraction", "KnownPerson", "Mention", "ParsedArticle",
           "SeedFormatError", "Statistic", "extract", "extract_article", "parse", "parse_bytes"]


def extract(text: str, blocks: list[Block], published: date | None = None,
            known: list[KnownPerson] | None = None, model: CueModel | None = None,
            deadline: Deadline | None = None, source_model: resolver.SourceModel | None = None) -> Extraction:
    """People, organisations, claims and statistics of the body blocks of ``text``."""
    doc = document.read(text, blocks)
    original, text = text, doc.text  # the rules read single quotation marks as double (marks.view)
    body = doc.body
    deadline = deadline or NO_DEADLINE
    finder = EntityFinder(text, body, doc.name_starts, published, known, headline=doc.headline)
    finder.run()
    deadline.check()
    entities, mentions, _ = finder.result()

    model = model if model is not None else default_model()
    claims = ClaimFinder(doc, entities, mentions, model=model, deadline=deadline).run()
    phrases.link(text, claims, entities, mentions)  # "the Trump campaign", "many Republicans"
    resolve(claims, entities)
    sources = source_model if source_model is not None else resolver.default_model()
    if sources is not None:
        resolver.rerank(sources, resolver.candidates_for(doc, entities, mentions, finder.tags), claims, mentions)
    discourse.name_sources(text, claims, entities, mentions, finder.tags)  # "1:35PM Chris Christie", "― Jane Roe"
    name_org_sources(text, claims, entities, mentions, finder.tags)  # "Congress has three ways to ..."
    document_authors(text, claims, entities, mentions, finder.tags)  # "a report from the Acme Institute"
    according_to_names(text, claims, entities, mentions, finder.tags)  # "according to Factcheck.org"
    nested.trailing_sources(text, claims, entities, mentions)  # "..., Stovall said" ending a content
    if model is not None:
        claims = score_claims(model, text, claims, entities)
    if text is not original:
        marks.restore(original, text, claims, mentions)
        text = original

    name_spans = [(m.start, m.end) for m in mentions]
    statistics = StatisticFinder(text, body, name_spans).run()
    deadline.check()

    # Link each claim to the mentions and statistics inside it (by binary search: linear in the claims).
    link(claims, mentions, statistics)
    deadline.check()
    return Extraction(entities=entities, mentions=mentions, claims=claims, statistics=statistics)


def extract_article(article: ParsedArticle, known: list[KnownPerson] | None = None,
                    model: CueModel | None = None, deadline: Deadline | None = None) -> Extraction:
    return extract(article.text, article.blocks, article.published, known, model, deadline)
