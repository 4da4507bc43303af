"""API views: thin wrappers; the work is in articles.services."""
from __future__ import annotations

import re

from django.db.models import Count, Max
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.generics import ListAPIView, get_object_or_404
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.entities import merge
from articles.models import (
    Article,
    Claim,
    ClaimFamily,
    ClaimLink,
    FactCheck,
    Organisation,
    Person,
    ReviewEvent,
    Statistic,
)
from articles.publishing import selectors as published
from articles.selectors import claimreview, record
from articles.selectors.claims import attach_relations, claim_list
from articles.services import checkworthiness, export, families, links, matching, retry, review

from . import errors, filters, serializers
from .pagination import IdCursorPagination, PageNumberNoCountPagination
from .throttles import MatchCostThrottle


class CSVRenderer(BaseRenderer):
    """Lets ?format=csv through content negotiation for the claims list, which streams its rows."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # The list streams its own response and errors are answered in JSON (finalize_response):
        # nothing is rendered here.
        raise NotImplementedError("the claims CSV is streamed by ClaimViewSet.list")


class JSONLDRenderer(JSONRenderer):
    """ClaimReview as application/ld+json for clients that ask for it (plain JSON otherwise)."""

    media_type = "application/ld+json"
    format = "jsonld"


class DatabaseBusy(APIException):
    status_code = 503
    default_detail = "The database stayed busy (an import is running): nothing was changed; send the request again."
    default_code = "database_busy"


class UpdateMixin(mixins.UpdateModelMixin):
    """PUT and PATCH, the write run again whole when the database asks for it (a lock or deadlock
    with an import): the serializer's save is one transaction."""

    def perform_update(self, serializer, **save_kwargs):
        try:
            retry.run(serializer.save, instances=[serializer.instance], **save_kwargs)
        except retry.Busy:
            raise DatabaseBusy() from None


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Article.objects.select_related("publisher").annotate(claim_count=Count("claims")).order_by("id")
    serializer_class = serializers.ArticleSerializer
    filterset_class = filters.ArticleFilter
    pagination_class = PageNumberNoCountPagination
    ordering_fields = ["id", "published", "title", "imported_at"]


class MergeMixin:
    merge_function = None
    merge_permission = ""

    @extend_schema(request=serializers.MergeSerializer, description="Merge the listed records into this one: "
                   "claims, mentions, affiliations and aliases move to it (needs the merge permission).")
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated], filter_backends=[],
            pagination_class=None)
    def merge(self, request, pk=None):
        if not request.user.has_perm(self.merge_permission):
            raise PermissionDenied("You may not merge records.")
        keep = self.get_object()
        ser = serializers.MergeSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        model = self.queryset.model
        others = list(model.objects.filter(pk__in=ser.validated_data["merge"]))
        missing = set(ser.validated_data["merge"]) - {o.pk for o in others}
        if missing:
            raise NotFound(f"merge: unknown ids: {sorted(missing)}")
        try:
            type(self).merge_function(keep, others, request.user)
        except merge.MergeError as exc:  # well formed, but these records cannot be merged
            raise errors.Conflict(f"merge: {exc}") from None
        return Response(self.get_serializer(self.get_queryset().get(pk=keep.pk)).data)


def entity_queryset(model):
    return (model.objects.annotate(claim_count=Count("claims"))
            .prefetch_related("aliases", "affiliations__organisation", "affiliations__person").order_by("id"))


class EntityViewSet(MergeMixin, UpdateMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = PageNumberNoCountPagination
    ordering_fields = ["id", "name", "claim_count"]

    @extend_schema(responses=serializers.SpeakerRecordSerializer,
                   description="The speaker's record: counts by verdict, the checked claims newest first, "
                               "first and last seen.")
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def record(self, request, pk=None):
        return Response(record.speaker_record(self.get_object()))


class PersonViewSet(EntityViewSet):
    queryset = entity_queryset(Person)
    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter
    merge_function = merge.merge_people
    merge_permission = "articles.merge_person"


class OrganisationViewSet(EntityViewSet):
    queryset = entity_queryset(Organisation)
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    merge_function = merge.merge_organisations
    merge_permission = "articles.merge_organisation"


IF_MATCH = r'^(\*|(W/)?"?[0-9]{1,9}"?)?$'


def if_match_version(request) -> int | None:
    """The version an If-Match header names (an ETag this API gave: ``"3"``); None without one or
    for ``*``. Anything else (what IF_MATCH, the schema's pattern, refuses) is a 400."""
    header = request.headers.get("If-Match", "")
    if not re.fullmatch(IF_MATCH, header):
        raise ValidationError({"If-Match": "give one ETag of this claim, as GET answered it (such as \"3\")."})
    tag = header.removeprefix("W/").strip('"')
    return int(tag) if tag not in ("", "*") else None


_WRITE_SCHEMA = extend_schema(
    parameters=[OpenApiParameter("If-Match", {"type": "string", "pattern": IF_MATCH}, OpenApiParameter.HEADER,
                                 required=False,
                                 description="The claim's ETag as read (its version): a stale one is a 409.")],
    responses={200: serializers.ClaimSerializer, 409: OpenApiResponse(
        errors.ConflictSerializer, description="The claim changed after the version given (body "
        "`version` or If-Match): nothing was changed. Read it again, then redo the change.")})


@extend_schema_view(update=_WRITE_SCHEMA, partial_update=_WRITE_SCHEMA)
class ClaimViewSet(UpdateMixin, viewsets.ReadOnlyModelViewSet):
    """Claims. Editors may change the review fields (status, verdict, rationale, evidence).
    Readers who are not signed-in staff see review fields of published checks only."""

    queryset = claim_list()
    serializer_class = serializers.ClaimSerializer
    filterset_class = filters.ClaimFilter
    pagination_class = IdCursorPagination

    @property
    def ordering_fields(self):
        # Ordering by the review time would sort drafts apart (and name their time in the cursor).
        fields = ["id", "published", "start", "reviewed_at", "confidence", "checkworthiness"]
        request = getattr(self, "request", None)
        if request is not None and not published.sees_drafts(getattr(request, "user", None)):
            fields.remove("reviewed_at")
        return fields

    @property
    def ordering(self):
        """The default order: by id; a list filtered by dates comes in date order instead, so that
        its page is a range read of the (published, id) index, not a walk of the primary key
        discarding rows outside the range."""
        params = getattr(getattr(self, "request", None), "query_params", {})
        return ["published"] if "published_after" in params or "published_before" in params else ["id"]
    renderer_classes = [*viewsets.ReadOnlyModelViewSet.renderer_classes, CSVRenderer]

    def get_queryset(self):
        # List pages load only the columns they show; a claim being changed is loaded whole.
        return claim_list(lean=self.action == "list")

    def finalize_response(self, request, response, *args, **kwargs):
        # An error is the JSON envelope whatever format was asked for: CSV is for rows only.
        if response.status_code >= 400 and isinstance(getattr(request, "accepted_renderer", None),
                                                       CSVRenderer | JSONLDRenderer):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    def get_renderers(self):
        # CSV is a table of claims: only the list speaks it; a detail or history is JSON.
        renderers = super().get_renderers()
        if self.action not in ("list", None):  # None: a method no action takes, answered 405
            renderers = [r for r in renderers if not isinstance(r, CSVRenderer)]
        return renderers

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "csv":
            qs = self.filter_queryset(claim_list())  # the export reads model rows (publisher, source file)
            response = StreamingHttpResponse(export.claims_csv(qs, drafts=published.sees_drafts(request.user)),
                                             content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="claims.csv"'
            return response
        page = attach_relations(self.paginate_queryset(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _tagged(self, response):
        # The version as an ETag, for If-Match: staff only, who may write (others get no version).
        version = response.data.get("version") if response.status_code == 200 else None
        if version is not None and published.sees_drafts(self.request.user):
            response["ETag"] = f'"{version}"'
        return response

    def retrieve(self, request, *args, **kwargs):
        return self._tagged(super().retrieve(request, *args, **kwargs))

    def update(self, request, *args, **kwargs):
        header = if_match_version(request)
        body = request.data.get("version") if hasattr(request.data, "get") else None
        if header is not None and body is not None and str(body) != str(header):
            raise errors.Conflict("version: The body's version and the If-Match header differ.")
        try:
            response = super().update(request, *args, **kwargs)
        except review.StaleClaim as exc:
            return errors.conflict(str(exc), exc.current)
        return self._tagged(response)

    def perform_update(self, serializer):
        header = if_match_version(self.request)
        super().perform_update(serializer, **({"version": header} if header is not None else {}))

    @extend_schema(responses={200: serializers.ClaimReviewDocumentSerializer,
                              404: OpenApiResponse(description="No such claim, or not checked yet.")},
                   description="schema.org ClaimReview (JSON-LD) of a checked claim.")
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, JSONLDRenderer], filter_backends=[],
            pagination_class=None)
    def claimreview(self, request, pk=None):
        claim = get_object_or_404(Claim.objects.select_related("article__publisher", "speaker", "organisation")
                                  .prefetch_related("evidence"), pk=pk)
        if not claimreview.is_checked(claim):
            raise NotFound("This claim has not been checked: it has no ClaimReview yet.")
        return Response(_review(request, claim))

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT,
                                            409: OpenApiResponse(description="No checked appearance to take it from.")},
                   description="Take the verdict suggested by a checked appearance of the same statement "
                               "(its claim family): verdict, rationale and evidence, and mark this claim checked.")
    @action(detail=True, methods=["post"], url_path="confirm-suggested-verdict",
            permission_classes=[IsAuthenticated], filter_backends=[], pagination_class=None)
    def confirm_suggested_verdict(self, request, pk=None):
        if not request.user.has_perm("articles.change_claim"):
            raise PermissionDenied("You may not review claims.")
        claim = self.get_object()
        try:
            source = families.confirm_suggestion(claim, request.user)
        except review.StaleClaim as exc:  # changed while this request ran
            return errors.conflict(str(exc), exc.current)
        if source is None:
            return errors.conflict("No checked appearance of this statement suggests a verdict.")
        return Response(self.get_serializer(claim_list().get(pk=claim.pk)).data)

    @extend_schema(request=serializers.MatchFeedbackSerializer, responses={200: OpenApiTypes.OBJECT},
                   description='An editor\'s word on a match: "rejected" (not this check: the pair never '
                               'returns) or "confirmed" (this is the check). Kept across re-imports and re-matching.')
    @action(detail=True, methods=["post"], url_path="match-feedback", permission_classes=[IsAuthenticated],
            filter_backends=[], pagination_class=None)
    def match_feedback(self, request, pk=None):
        if not request.user.has_perm("articles.change_claim"):
            raise PermissionDenied("You may not review claims.")
        claim = self.get_object()
        q = serializers.MatchFeedbackSerializer(data=request.data)
        q.is_valid(raise_exception=True)
        factcheck = get_object_or_404(FactCheck, pk=q.validated_data["factcheck"])
        fb = matching.record_feedback(claim, factcheck, q.validated_data["answer"], request.user)
        return Response({"claim": claim.pk, "factcheck": factcheck.pk, "answer": fb.verdict})

    @extend_schema(responses=serializers.ReviewEventSerializer(many=True),
                   description="The review's history, newest first, whole (a JSON array: no paging, no "
                               "filters). Readers who are not signed-in staff get review values only from "
                               "publication on (none while unpublished).")
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, pk=None):
        claim = self.get_object()
        events = ReviewEvent.objects.filter(claim=claim).select_related("user")
        if not published.sees_drafts(request.user):
            events = published.public_history(claim, events)
        return Response(serializers.ReviewEventSerializer(events, many=True, context=self.get_serializer_context()).data)


def _review(request, claim):
    return claimreview.claim_review(claim, request)



class ClaimReviewListView(ListAPIView):
    """Every checked claim as schema.org ClaimReview."""

    queryset = (published.published_checks().annotate(last_correction_at=Max("corrections__at"))  # dateModified
                .select_related("article__publisher", "speaker", "organisation").prefetch_related("evidence"))
    pagination_class = IdCursorPagination
    filter_backends = []

    @extend_schema(responses=serializers.ClaimReviewDocumentSerializer(many=True), operation_id="claimreview_list")
    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([_review(request, c) for c in page])


class StatisticViewSet(UpdateMixin, viewsets.ReadOnlyModelViewSet):
    write_conflicts = False  # a statistic's fields clash with nothing stored: no 409 in its schema
    queryset = Statistic.objects.all()
    serializer_class = serializers.StatisticSerializer
    filterset_class = filters.StatisticFilter
    pagination_class = IdCursorPagination
    ordering_fields = ["id", "value", "start"]


class ClaimLinkViewSet(viewsets.ModelViewSet):
    queryset = ClaimLink.objects.select_related("created_by").order_by("id")
    serializer_class = serializers.ClaimLinkSerializer
    pagination_class = PageNumberNoCountPagination
    filterset_class = filters.ClaimLinkFilter
    ordering_fields = ["id", "created_at"]

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = links.create_link(d["source"], d["target"], d["relation"], self.request.user,
                                                d.get("note", ""))

    def perform_update(self, serializer):
        d = serializer.validated_data
        serializer.instance = links.update_link(serializer.instance, self.request.user, d.get("relation"), d.get("note"))

    def perform_destroy(self, instance):
        links.delete_link(instance, self.request.user)


_MATCH = ("Fact-checks that may already answer a text, best first, each with a calibrated score (0-1). Each "
          "started 1,000 characters of text count as one request against a budget (API_MATCH_ANON_RATE per "
          "address, API_MATCH_USER_RATE per signed-in user).")


class FactCheckViewSet(viewsets.ReadOnlyModelViewSet):
    """The fact-check library (ClaimReview imported with import_factchecks, and ClaimsDB's own checks)."""

    queryset = FactCheck.objects.defer("raw", "vectors", "dense").order_by("id")
    serializer_class = serializers.FactCheckSerializer
    pagination_class = IdCursorPagination
    filterset_class = filters.FactCheckFilter
    ordering_fields = ["id", "date_published"]

    @extend_schema(methods=["GET"], parameters=[serializers.MatchGetQuerySerializer], request=None,
                   responses={200: serializers.MatchResponseSerializer,
                              429: OpenApiResponse(description="Match budget spent: wait Retry-After seconds.")},
                   description=_MATCH + " GET with ?text=...&limit=5 (up to 600 characters: POST for more, "
                                        "and for context and names).")
    @extend_schema(methods=["POST"], request=serializers.MatchQuerySerializer,
                   responses={200: serializers.MatchResponseSerializer,
                              429: OpenApiResponse(description="Match budget spent: wait Retry-After seconds.")},
                   description=_MATCH + " POST {\"text\": ...} for long texts (up to 20,000 characters), with "
                                        "the words around it and the names it is about.")
    # POST only carries a long text: a read like GET, open to whoever may read, limited by its cost.
    # The cost budget replaces the per-request anonymous limit here (it is stricter: every match costs
    # at least one unit), so a refused request writes nothing to the cache.
    @action(detail=False, methods=["get", "post"], pagination_class=None, filter_backends=[],
            permission_classes=[AllowAny], throttle_classes=[MatchCostThrottle])
    def match(self, request):
        if request.method == "POST":
            q = serializers.MatchQuerySerializer(data=request.data)
        else:
            q = serializers.MatchGetQuerySerializer(data=request.query_params)
        q.is_valid(raise_exception=True)
        v = q.validated_data
        context = matching.ranker.Context(speaker=v["speaker"], names=tuple(v.get("names", ())),
                                          text=v.get("context", ""), addressee=v.get("addressee", ""))
        found = matching.match_text(v["text"], v["limit"], context=context, said=v["date"])
        t = matching.thresholds()
        return Response({"thresholds": t, "results": [
            {"id": m.factcheck.id, "url": m.factcheck.url, "claim_reviewed": m.factcheck.claim_reviewed,
             "rating": m.factcheck.rating, "publisher": m.factcheck.publisher, "score": round(m.score, 4),
             "level": m.level or None} for m in found]})


class CheckworthinessView(APIView):
    """Check-worthiness of any sentences: the model that scores every stored claim."""

    permission_classes = [AllowAny]

    @extend_schema(request=serializers.CheckworthinessRequestSerializer,
                   responses={200: serializers.CheckworthinessResponseSerializer},
                   description="Scores up to 500 texts, in order: the probability (0-1) that a fact-checker would "
                               "call each a check-worthy factual claim, and the model's decision.")
    def post(self, request):
        q = serializers.CheckworthinessRequestSerializer(data=request.data)
        q.is_valid(raise_exception=True)
        results = checkworthiness.score_texts(q.validated_data["texts"])
        return Response({"results": [{"score": r.score, "checkworthy": r.checkworthy} for r in results]})


class ClaimFamilyViewSet(viewsets.ReadOnlyModelViewSet):
    """One statement across articles: its appearances in date order (article, outlet, date, speaker)."""

    queryset = ClaimFamily.objects.order_by("id")
    serializer_class = serializers.ClaimFamilySerializer
    pagination_class = PageNumberNoCountPagination
    filter_backends = []
