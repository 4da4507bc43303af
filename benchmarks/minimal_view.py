"""The baseline for the API benchmarks: a minimal hand-written Django view that returns the same
JSON as GET /api/v1/claims/ (first page, filters speaker / published_after / published_before /
status, page_size), with no DRF, no serializer, no filter set: one .values() query for the page and
one per relation, dicts built inline. It exists to be measured against; the product uses the API.

Served by benchmarks/bench_urls.py at /bench/claims/.
"""
from __future__ import annotations

import base64
import json
from collections import defaultdict
from urllib.parse import urlencode

from django.http import JsonResponse

from articles.extraction.text import reviewed_wording
from articles.models import Claim, ClaimLink, ClaimMatch, EvidenceLink, Statistic

PAGE_FIELDS = ("id", "text", "kind", "speaker_text", "cue", "confidence", "start", "end", "in_text", "status", "verdict",
               "rationale", "reviewed_at", "family_id", "claim_reviewed", "article_id", "article__title",
               "article__published", "speaker_id", "speaker__name", "organisation_id", "organisation__name")


def _grouped(rows):
    out = defaultdict(list)
    for claim_id, *rest in rows:
        out[claim_id].append(rest)
    return out


def claims(request):
    q = request.GET
    size = min(int(q.get("page_size", 50)), 500)
    qs = Claim.objects.all()
    if "speaker" in q:
        qs = qs.filter(speaker_id=int(q["speaker"]))
    if "status" in q:
        qs = qs.filter(status=q["status"])
    if "published_after" in q:
        qs = qs.filter(published__gte=q["published_after"])
    if "published_before" in q:
        qs = qs.filter(published__lte=q["published_before"])
    by_date = "published_after" in q or "published_before" in q  # the API's order for date ranges
    rows = list(qs.order_by(*(("published", "id") if by_date else ("id",))).values(*PAGE_FIELDS, "published")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    ids = [r["id"] for r in rows]
    through_p, through_o = Claim.mentioned_people.through, Claim.mentioned_organisations.through
    people = _grouped(through_p.objects.filter(claim_id__in=ids).order_by("person__name")
                      .values_list("claim_id", "person_id", "person__name"))
    orgs = _grouped(through_o.objects.filter(claim_id__in=ids).order_by("organisation__name")
                    .values_list("claim_id", "organisation_id", "organisation__name"))
    stats = _grouped(Statistic.objects.filter(claim_id__in=ids).order_by("article_id", "start")
                     .values_list("claim_id", "id", "value", "unit", "text"))
    evidence = _grouped(EvidenceLink.objects.filter(claim_id__in=ids).order_by("id").values_list("claim_id", "url", "title"))
    out_links = _grouped(ClaimLink.objects.filter(source_id__in=ids).order_by("id")
                         .values_list("source_id", "id", "relation", "target_id"))
    in_links = _grouped(ClaimLink.objects.filter(target_id__in=ids).order_by("id")
                        .values_list("target_id", "id", "relation", "source_id"))
    matches = _grouped(ClaimMatch.objects.filter(claim_id__in=ids).order_by("-score", "id").values_list(
        "claim_id", "factcheck_id", "factcheck__url", "factcheck__claim_reviewed", "factcheck__rating",
        "factcheck__publisher", "score", "level"))
    base = request.build_absolute_uri("/api/v1/")
    results = []
    for r in rows:
        i = r["id"]
        results.append({
            "id": i, "url": f"{base}claims/{i}/",
            "article": {"id": r["article_id"], "title": r["article__title"],
                        "published": r["article__published"].isoformat(), "url": f"{base}articles/{r['article_id']}/"},
            "text": r["text"], "kind": r["kind"],
            "speaker": {"id": r["speaker_id"], "name": r["speaker__name"]} if r["speaker_id"] else None,
            "organisation": {"id": r["organisation_id"], "name": r["organisation__name"]} if r["organisation_id"] else None,
            "speaker_text": r["speaker_text"], "cue": r["cue"], "confidence": r["confidence"],
            "start": r["start"], "end": r["end"], "in_text": r["in_text"],
            "mentions": {"people": [{"id": a, "name": b} for a, b in people[i]],
                         "organisations": [{"id": a, "name": b} for a, b in orgs[i]]},
            "statistics": [{"id": a, "value": f"{v.normalize():f}" if v == v.to_integral() else str(v.normalize()),
                            "unit": u, "text": t} for a, v, u, t in stats[i]],
            "status": r["status"], "verdict": r["verdict"], "rationale": r["rationale"],
            "evidence": [{"url": u, "title": t} for u, t in evidence[i]],
            "reviewer": None,
            "reviewed_at": r["reviewed_at"].isoformat().replace("+00:00", "Z") if r["reviewed_at"] else None,
            "links": [{"id": a, "relation": b, "direction": "outgoing", "claim": c} for a, b, c in out_links[i]]
            + [{"id": a, "relation": b, "direction": "incoming", "claim": c} for a, b, c in in_links[i]],
            "family": r["family_id"],
            "matches": [{"id": a, "url": u, "claim_reviewed": c, "rating": rt, "publisher": p, "score": s, "level": lv}
                        for a, u, c, rt, p, s, lv in matches[i]],
            "claim_reviewed": r["claim_reviewed"].strip() or reviewed_wording(r["text"]),
        })
    nxt = None
    if more and rows:
        last = rows[-1]
        value = last["published"].isoformat() if by_date else last["id"]
        token = base64.urlsafe_b64encode(json.dumps({"v": value, "i": last["id"], "r": False}).encode())
        params = sorted({**request.GET.dict(), "cursor": token.decode("ascii")}.items())
        nxt = request.build_absolute_uri(request.path) + "?" + urlencode(params)
    return JsonResponse({"next": nxt, "previous": None, "results": results}, json_dumps_params={"ensure_ascii": False})
