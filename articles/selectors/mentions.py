"""Where a person or an organisation is mentioned: the articles that name them (stored Mention
rows: their offsets into each article's text) and the claims that mention them (the claims'
``mentioned_people`` / ``mentioned_organisations``), besides the claims they made."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Max, Min, Q, Value
from django.db.models.functions import Greatest, Substr

from articles.models import Claim, Mention, Organisation, Person

CONTEXT = 80  # characters of the article's text either side of a mention


@dataclass(frozen=True)
class ArticleMentions:
    article_id: int
    title: str
    published: object  # date
    count: int  # mentions of the entity in the article
    before: str  # the first mention in its words: text before, the mention, text after
    text: str
    after: str


@dataclass(frozen=True)
class Mentions:
    articles: list[ArticleMentions]  # newest article first, at most ``limit``
    article_count: int  # every article that names the entity
    mention_count: int  # every mention, in all those articles
    claims: list[Claim]  # claims that mention the entity, newest first, at most ``limit``
    claim_count: int


def _field(entity: Person | Organisation) -> str:
    return "person" if isinstance(entity, Person) else "organisation"


def mentions_of(entity: Person | Organisation, limit: int = 20) -> Mentions:
    """The articles naming ``entity`` (with the first mention in its sentence) and the claims
    mentioning it. Four queries whatever the numbers; article bodies stay in the database (only
    the words around one mention an article are read)."""
    field = _field(entity)
    rows = Mention.objects.filter(**{field: entity})
    totals = rows.aggregate(n=Count("id"), articles=Count("article", distinct=True))
    per_article = list(rows.values("article_id").annotate(n=Count("id"), first=Min("start"),
                                                          date=Max("article__published"))
                       .order_by("-date", "-article_id")[:limit])
    firsts = Q(pk__in=[])
    for r in per_article:
        firsts |= Q(article_id=r["article_id"], start=r["first"])
    # Substr counts from 1; the window starts CONTEXT characters before the mention (or at the start).
    window_start = Greatest(F("start") + 1 - CONTEXT, Value(1))
    first_rows = {m["article_id"]: m for m in rows.filter(firsts).annotate(
        window=Substr("article__body", window_start, F("end") - F("start") + 2 * CONTEXT),
        offset=Greatest(F("start") - CONTEXT, Value(0)),
        title=F("article__title"), published=F("article__published"),
    ).values("article_id", "start", "end", "window", "offset", "title", "published")}
    articles = []
    for r in per_article:
        m = first_rows[r["article_id"]]
        cut = m["start"] - m["offset"]
        length = m["end"] - m["start"]
        window = m["window"]
        articles.append(ArticleMentions(
            article_id=r["article_id"], title=m["title"], published=m["published"], count=r["n"],
            before=_trim_left(window[:cut]), text=window[cut:cut + length], after=_trim_right(window[cut + length:])))
    claims = Claim.objects.filter(**{f"mentioned_{'people' if field == 'person' else 'organisations'}": entity})
    return Mentions(
        articles=articles, article_count=totals["articles"], mention_count=totals["n"],
        claims=list(claims.select_related("article", "speaker", "organisation")
                    .defer("article__body", "article__paragraphs").order_by("-published", "-id")[:limit]),
        claim_count=claims.count())


def _trim_left(text: str) -> str:
    """The words before a mention, from the start of its line and of a whole word."""
    text = text.rsplit("\n", 1)[-1]
    if len(text) >= CONTEXT and " " in text:
        text = "…" + text.split(" ", 1)[1]
    return text


def _trim_right(text: str) -> str:
    text = text.split("\n", 1)[0]
    if len(text) >= CONTEXT and " " in text:
        text = text.rsplit(" ", 1)[0] + "…"
    return text
