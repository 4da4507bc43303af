from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from articles.entities import services as entities
from articles.models import (
    Affiliation,
    Article,
    Claim,
    ClaimCorrection,
    ClaimLink,
    EvidenceLink,
    FactCheck,
    Organisation,
    Person,
    ReviewEvent,
    Statistic,
)
from articles.publishing import selectors as published
from articles.selectors import claimreview
from articles.selectors.claims import RELATIONS, attach_relations, matches_of
from articles.services import review

from .errors import Conflict
from .fields import MAX_ID, PrimaryKeyField, StrictJSON, WebURLField


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class ArticleRefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="article-detail")

    class Meta:
        model = Article
        fields = ["id", "title", "published", "url"]


class AffiliationSerializer(serializers.ModelSerializer):
    organisation = RefSerializer(allow_null=True, read_only=True)
    person = RefSerializer(read_only=True)

    class Meta:
        model = Affiliation
        fields = ["person", "role", "organisation", "article", "start_date", "end_date"]


class BlankAsNullURLField(serializers.URLField):
    """An optional address: null when there is none (an empty string is no URI)."""

    def to_representation(self, value):
        return value or None


class ArticleSerializer(serializers.HyperlinkedModelSerializer):
    id = serializers.IntegerField(read_only=True)
    source_url = BlankAsNullURLField(read_only=True, allow_null=True,
                                     help_text="Where the article was published; null when unknown.")
    publisher = RefSerializer(allow_null=True, read_only=True)
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = ["id", "url", "title", "published", "publisher", "source_url", "source_file", "sha256", "word_count",
                  "claim_count", "imported_at", "updated_at", "body", "paragraphs"]
        read_only_fields = fields


class EntitySerializer(StrictJSON, serializers.HyperlinkedModelSerializer):
    """What people and organisations share: aliases, affiliations and the number of claims."""

    id = serializers.IntegerField(read_only=True)
    aliases = serializers.SerializerMethodField()
    affiliations = AffiliationSerializer(many=True, read_only=True)
    claim_count = serializers.IntegerField(read_only=True)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_aliases(self, obj):
        return [a.name for a in obj.aliases.all()]

    def update(self, instance, validated_data):
        # A new name moves the matching key with it (entities.services): never two records, one name.
        name = validated_data.pop("name", None)
        with transaction.atomic():
            if name is not None and name != instance.name:
                rename = entities.rename_person if isinstance(instance, Person) else entities.rename_organisation
                try:
                    rename(instance, name)
                except entities.NameTaken as e:  # well formed, but another record holds the name
                    raise Conflict(f"name: {e}") from None
            return super().update(instance, validated_data)


class PersonSerializer(EntitySerializer):
    class Meta:
        model = Person
        fields = ["id", "url", "name", "gender", "description", "aliases", "affiliations", "claim_count"]


class OrganisationSerializer(EntitySerializer):
    class Meta:
        model = Organisation
        fields = ["id", "url", "name", "kind", "description", "aliases", "affiliations", "claim_count"]


class StatisticRefSerializer(serializers.ModelSerializer):
    value = serializers.DecimalField(max_digits=30, decimal_places=6, coerce_to_string=True, normalize_output=True)

    class Meta:
        model = Statistic
        fields = ["id", "value", "unit", "text"]


class StatisticSerializer(StrictJSON, serializers.HyperlinkedModelSerializer):
    id = serializers.IntegerField(read_only=True)
    value = serializers.DecimalField(max_digits=30, decimal_places=6, coerce_to_string=True, normalize_output=True)
    previous_value = serializers.DecimalField(max_digits=30, decimal_places=6, coerce_to_string=True,
                                              normalize_output=True, allow_null=True, required=False)
    upper_value = serializers.DecimalField(max_digits=30, decimal_places=6, coerce_to_string=True,
                                           normalize_output=True, allow_null=True, required=False)
    article = serializers.PrimaryKeyRelatedField(read_only=True)
    claim = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Statistic
        fields = ["id", "url", "value", "unit", "currency", "previous_value", "upper_value", "qualifier", "measure",
                  "period", "text", "start", "end", "article", "claim"]
        read_only_fields = ["text", "start", "end", "article", "claim"]

    def update(self, instance, validated_data):
        instance.edited = True
        return super().update(instance, validated_data)

    # Reads build the JSON directly, as the claims do (a test compares it with the declared fields'):
    # DRF's field-by-field machinery cost ~380 Python calls a listed statistic.
    def to_representation(self, obj):
        base = self.context.get("_statistic_url")
        if base is None:
            base = self.context["_statistic_url"] = reverse(
                "statistic-detail", kwargs={"pk": 0}, request=self.context.get("request"))[:-2]
        value = _VALUE.to_representation
        return {"id": obj.id, "url": f"{base}{obj.id}/", "value": value(obj.value), "unit": obj.unit,
                "currency": obj.currency,
                "previous_value": value(obj.previous_value) if obj.previous_value is not None else None,
                "upper_value": value(obj.upper_value) if obj.upper_value is not None else None,
                "qualifier": obj.qualifier, "measure": obj.measure, "period": obj.period, "text": obj.text,
                "start": obj.start, "end": obj.end, "article": obj.article_id, "claim": obj.claim_id}


class StaffOnlyUsername(serializers.SlugRelatedField):
    """A staff member's username, shown to signed-in staff only (null for everyone else)."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="username", **kwargs)

    def get_attribute(self, instance):
        request = self.context.get("request")
        if request is None or not (request.user.is_authenticated and request.user.is_staff):
            return None
        return super().get_attribute(instance)


def sees_drafts(context: dict) -> bool:
    """Does this response's reader see review work before publication (publishing.selectors)?"""
    drafts = context.get("_drafts")
    if drafts is None:
        request = context.get("request")
        drafts = context["_drafts"] = published.sees_drafts(getattr(request, "user", None))
    return drafts


class _ReviewField:
    """A review field: a reader who does not see drafts gets it for published checks only, and
    :meth:`hidden` otherwise (the same rule as the public pages)."""

    def hidden(self, claim):
        return None

    def get_attribute(self, instance):
        if not published.shows_review(instance, sees_drafts(self.context)):
            return self.hidden(instance)
        return super().get_attribute(instance)


class ReviewStatusField(_ReviewField, serializers.ChoiceField):
    def hidden(self, claim):
        return published.public_status(claim)


class ReviewVerdictField(_ReviewField, serializers.ChoiceField):
    def hidden(self, claim):
        return ""


class ReviewTextField(_ReviewField, serializers.CharField):
    def hidden(self, claim):
        return ""


class ReviewMomentField(_ReviewField, serializers.DateTimeField):
    pass


class ReviewList(_ReviewField, serializers.ListSerializer):
    def hidden(self, claim):
        return []


class StaffOnlyVersion(serializers.IntegerField):
    """The claim's version (optimistic locking): shown to staff, who may write; null for others.
    Written: the version the change is made from; an older one than stored is a 409."""

    def get_attribute(self, instance):
        return super().get_attribute(instance) if sees_drafts(self.context) else None


class EvidenceSerializer(StrictJSON, serializers.ModelSerializer):
    url = WebURLField()

    class Meta:
        model = EvidenceLink
        fields = ["url", "title"]
        list_serializer_class = ReviewList
        # Duplicates are caught by ClaimSerializer.validate_evidence with a clear message; the
        # unique constraint's own validator cannot run on a nested list.
        validators = []


class LinkRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    relation = serializers.CharField()
    direction = serializers.ChoiceField(choices=["outgoing", "incoming"])
    claim = serializers.IntegerField()


# Formats of the claim read path, the same fields the declared serializers use.
_VALUE = serializers.DecimalField(max_digits=30, decimal_places=6, coerce_to_string=True, normalize_output=True)
_MOMENT = serializers.DateTimeField()


class FactCheckMatchSerializer(serializers.Serializer):
    """One answer of the match endpoint."""

    id = serializers.IntegerField()
    url = serializers.URLField()
    claim_reviewed = serializers.CharField()
    rating = serializers.CharField()
    publisher = serializers.CharField()
    score = serializers.FloatField(help_text="Calibrated probability that this fact-check answers the text.")


class MatchRefSerializer(FactCheckMatchSerializer):
    level = serializers.ChoiceField(choices=["suggested", "confident"])


class MatchAnswerSerializer(FactCheckMatchSerializer):
    level = serializers.ChoiceField(choices=["suggested", "confident"], allow_null=True,
                                    help_text="null below the suggested threshold")


class MatchThresholdsSerializer(serializers.Serializer):
    suggested = serializers.FloatField()
    confident = serializers.FloatField()


class MatchResponseSerializer(serializers.Serializer):
    thresholds = MatchThresholdsSerializer()
    results = MatchAnswerSerializer(many=True)


class CheckworthinessRequestSerializer(StrictJSON, serializers.Serializer):
    texts = serializers.ListField(child=serializers.CharField(max_length=5_000, allow_blank=True, trim_whitespace=False),
                                  min_length=1, max_length=500, help_text="Up to 500 sentences or claims.")


class CheckworthinessResultSerializer(serializers.Serializer):
    score = serializers.FloatField(min_value=0, max_value=1,
                                   help_text="Probability that a fact-checker would call it a check-worthy factual claim.")
    checkworthy = serializers.BooleanField(help_text="The model's decision at its trained threshold.")


class CheckworthinessResponseSerializer(serializers.Serializer):
    results = CheckworthinessResultSerializer(many=True, help_text="One result a text, in the order sent.")


class MatchQuerySerializer(StrictJSON, serializers.Serializer):
    text = serializers.CharField(max_length=20_000, trim_whitespace=True)
    limit = serializers.IntegerField(min_value=1, max_value=50, default=5)
    speaker = serializers.CharField(max_length=200, required=False, default="",
                                    help_text="Who said the text (matched against each fact-check's claimant).")
    names = serializers.ListField(child=serializers.CharField(max_length=200), max_length=50, required=False,
                                  default=list, help_text="People and organisations the text is about.")
    context = serializers.CharField(max_length=5_000, required=False, default="",
                                    help_text="The words around the text (its sentence, the lines before it).")
    addressee = serializers.CharField(max_length=200, required=False, default="",
                                      help_text="In a dialogue (a debate, an interview): whom the speaker answers, "
                                                "the person the text's \"you\" and \"he\" stand for.")
    date = serializers.DateField(required=False, allow_null=True, default=None,
                                 help_text="When the text was said: a much older fact-check is at most suggested.")


class MatchGetQuerySerializer(serializers.Serializer):
    """GET /factchecks/match/: a short text in the address (a request line is at most 8190 bytes, and a
    character may take 12 of them percent-encoded). Longer texts, context and names: POST."""

    text = serializers.CharField(max_length=600, trim_whitespace=True)
    limit = serializers.IntegerField(min_value=1, max_value=50, default=5)
    speaker = serializers.CharField(max_length=50, required=False, default="",
                                    help_text="Who said the text (matched against each fact-check's claimant).")
    date = serializers.DateField(required=False, allow_null=True, default=None,
                                 help_text="When the text was said: a much older fact-check is at most suggested.")


class MatchFeedbackSerializer(StrictJSON, serializers.Serializer):
    factcheck = serializers.IntegerField(min_value=1, help_text="The fact-check's id.")
    answer = serializers.ChoiceField(choices=["rejected", "confirmed"],
                                      help_text='"rejected": not this check; "confirmed": this is the check.')


class FactCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = FactCheck
        fields = ["id", "url", "claim_reviewed", "rating", "publisher", "title", "language", "date_published",
                  "claimant", "claim"]


class AppearanceSerializer(serializers.Serializer):
    claim = serializers.IntegerField(source="id")
    text = serializers.CharField()
    article = serializers.IntegerField(source="article_id")
    article_title = serializers.CharField(source="article.title")
    outlet = serializers.CharField(source="article.publisher.name", default=None)
    source_url = serializers.SerializerMethodField()
    published = serializers.DateField()
    speaker = RefSerializer(allow_null=True)
    speaker_text = serializers.CharField()
    status = ReviewStatusField(choices=Claim.Status.choices)
    verdict = ReviewVerdictField(choices=Claim.Verdict.choices, allow_blank=True)

    def get_source_url(self, obj) -> str | None:
        return getattr(obj.article, "source_url", None) or None


class ClaimReviewDocumentSerializer(serializers.Serializer):
    """A schema.org ClaimReview of a checked claim, as JSON-LD (`@context`, `@type`, `claimReviewed`,
    `reviewRating`, `itemReviewed`, `author`, `url`, ...): https://schema.org/ClaimReview."""

    class Meta:
        ref_name = "ClaimReview"

    def get_fields(self):  # JSON-LD keys are not Python names
        return {"@context": serializers.CharField(), "@type": serializers.CharField(),
                "url": serializers.URLField(), "claimReviewed": serializers.CharField(),
                "datePublished": serializers.DateField(),
                "reviewRating": serializers.DictField(), "itemReviewed": serializers.DictField(),
                "author": serializers.DictField()}


class ClaimFamilySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    appearances = serializers.SerializerMethodField()

    @extend_schema_field(AppearanceSerializer(many=True))
    def get_appearances(self, obj):
        rows = (obj.appearances.select_related("article__publisher", "speaker").defer("article__body", "article__paragraphs")
                .order_by("published", "id"))
        return AppearanceSerializer(rows, many=True, context=self.context).data


class RecordArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    published = serializers.DateField()


class RecordClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    claim_reviewed = serializers.CharField()
    verdict = serializers.ChoiceField(choices=Claim.Verdict.choices)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    article = RecordArticleSerializer()
    public_url = serializers.CharField()


class SpeakerRecordSerializer(serializers.Serializer):
    """Documents GET /people/{id}/record/ and /organisations/{id}/record/."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    claims = serializers.IntegerField()
    checked = serializers.IntegerField()
    unchecked = serializers.IntegerField()
    verdicts = serializers.DictField(child=serializers.IntegerField(), help_text="Checked claims by verdict.")
    first_seen = serializers.DateField(allow_null=True)
    last_seen = serializers.DateField(allow_null=True)
    checked_claims = RecordClaimSerializer(many=True)


class ClaimReviewedField(serializers.CharField):
    """Written: the editor's wording (empty restores the default). Read: the wording a published
    check uses — the editor's, else the claim's text cleaned (quotes balanced, "he said" removed);
    a reader who does not see drafts gets the editor's wording only once the check is published."""

    def get_attribute(self, instance):
        return claimreview.wording(instance) if sees_drafts(self.context) else published.public_wording(instance)


class ClaimSerializer(StrictJSON, serializers.HyperlinkedModelSerializer):
    id = serializers.IntegerField(read_only=True)
    article = ArticleRefSerializer(read_only=True)
    speaker = RefSerializer(allow_null=True, read_only=True)
    organisation = RefSerializer(allow_null=True, read_only=True)
    mentions = serializers.SerializerMethodField()
    statistics = StatisticRefSerializer(many=True, read_only=True)
    status = ReviewStatusField(choices=Claim.Status.choices, required=False)
    verdict = ReviewVerdictField(choices=Claim.Verdict.choices, required=False, allow_blank=True)
    rationale = ReviewTextField(required=False, allow_blank=True, style={"base_template": "textarea.html"})
    evidence = EvidenceSerializer(many=True, required=False)
    links = serializers.SerializerMethodField()
    reviewer = StaffOnlyUsername(read_only=True, allow_null=True)
    reviewed_at = ReviewMomentField(read_only=True, allow_null=True)
    version = StaffOnlyVersion(
        required=False, allow_null=True, min_value=0, max_value=2**31 - 1,
        help_text="Optimistic locking: the version this change is made from (or the If-Match header); "
                  "an older one than stored answers 409 Conflict and changes nothing. Null for non-staff.")
    family = serializers.IntegerField(source="family_id", read_only=True, allow_null=True,
                                      help_text="The claim family: the same statement in other articles.")
    matches = serializers.SerializerMethodField(help_text="Fact-checks that may already answer this claim.")
    # The editor's wording is at most 300 characters (validate_claim_reviewed); the default, the
    # cleaned claim text, may be longer, so the field itself declares no maximum.
    claim_reviewed = ClaimReviewedField(required=False, allow_blank=True)
    correction_kind = serializers.ChoiceField(
        choices=ClaimCorrection.Kind.choices, required=False, write_only=True,
        help_text="A published check's verdict, rationale or evidence changes only on the record: an update "
                  "(new information) or a correction (a mistake put right), with correction_reason.")
    correction_reason = serializers.CharField(
        required=False, write_only=True, allow_blank=True, max_length=2000,
        help_text="The reason readers are given for the update or correction (shown on the public page).")

    class Meta:
        model = Claim
        fields = ["id", "url", "article", "text", "kind", "speaker", "organisation", "speaker_text", "source_kind", "cue",
                  "frame", "confidence", "checkworthiness", "start", "end", "in_text", "mentions", "statistics", "status", "verdict",
                  "rationale", "evidence", "reviewer", "reviewed_at", "links", "family", "matches", "claim_reviewed",
                  "version", "correction_kind", "correction_reason"]
        read_only_fields = ["text", "kind", "speaker_text", "source_kind", "cue", "frame", "confidence", "checkworthiness",
                            "start", "end",
                            "in_text",
                            "reviewed_at"]

    # The read path builds each claim's JSON directly from the prefetched lists (the same JSON the
    # declared fields give; a test compares them): a list page costs a few hundred calls a claim,
    # not the ~1,700 of DRF's field-by-field machinery.
    def _urls(self) -> tuple[str, str]:
        cached = self.context.get("_url_templates")
        if cached is None:
            request = self.context.get("request")
            claim = reverse("claim-detail", kwargs={"pk": 0}, request=request)
            article = reverse("article-detail", kwargs={"pk": 0}, request=request)
            cached = self.context["_url_templates"] = (claim[:-2], article[:-2])
        return cached

    def to_representation(self, obj):
        if not hasattr(obj, "people_list"):
            attach_relations([obj])
        claim_url, article_url = self._urls()
        a, sp, org = obj.article, obj.speaker, obj.organisation
        staff = sees_drafts(self.context)
        shown = published.shows_review(obj, staff)
        value = _VALUE.to_representation
        return {
            "id": obj.id, "url": f"{claim_url}{obj.id}/",
            "article": {"id": a.id, "title": a.title, "published": a.published.isoformat(),
                        "url": f"{article_url}{a.id}/"},
            "text": obj.text, "kind": obj.kind,
            "speaker": {"id": sp.id, "name": sp.name} if sp is not None else None,
            "organisation": {"id": org.id, "name": org.name} if org is not None else None,
            "speaker_text": obj.speaker_text, "source_kind": obj.source_kind, "cue": obj.cue, "frame": obj.frame,
            "confidence": obj.confidence,
            "checkworthiness": obj.checkworthiness, "start": obj.start, "end": obj.end, "in_text": obj.in_text,
            "mentions": {"people": [{"id": i, "name": n} for i, n in obj.people_list],
                         "organisations": [{"id": i, "name": n} for i, n in obj.organisations_list]},
            "statistics": [{"id": i, "value": value(v), "unit": u, "text": t} for i, v, u, t in obj.statistics_list],
            "status": obj.status if shown else published.public_status(obj),
            "verdict": obj.verdict if shown else "", "rationale": obj.rationale if shown else "",
            "evidence": [{"url": u, "title": t} for u, t in obj.evidence_list] if shown else [],
            "reviewer": obj.reviewer.username if staff and obj.reviewer_id else None,
            "reviewed_at": _MOMENT.to_representation(obj.reviewed_at) if shown and obj.reviewed_at else None,
            "links": [{"id": i, "relation": r, "direction": "outgoing", "claim": other}
                      for i, r, other in obj.links_out_list]
            + [{"id": i, "relation": r, "direction": "incoming", "claim": other} for i, r, other in obj.links_in_list],
            "family": obj.family_id,
            "claim_reviewed": claimreview.wording(obj) if staff else published.public_wording(obj),
            "version": obj.version if staff else None,
            "matches": [{"id": i, "url": u, "claim_reviewed": c, "rating": r, "publisher": p, "score": s, "level": lv}
                        for i, u, c, r, p, s, lv in obj.matches_list],
        }

    @extend_schema_field({"type": "object", "properties": {
        "people": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "integer"},
                                                                               "name": {"type": "string"}}}},
        "organisations": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "name": {"type": "string"}}}}}})
    def get_mentions(self, obj):
        return {"people": [{"id": p.id, "name": p.name} for p in obj.mentioned_people.all()],
                "organisations": [{"id": o.id, "name": o.name} for o in obj.mentioned_organisations.all()]}

    @extend_schema_field(LinkRefSerializer(many=True))
    def get_links(self, obj):
        out = [{"id": link.id, "relation": link.relation, "direction": "outgoing", "claim": link.target_id}
               for link in obj.links_out.all()]
        out += [{"id": link.id, "relation": link.relation, "direction": "incoming", "claim": link.source_id}
                for link in obj.links_in.all()]
        return out

    @extend_schema_field(MatchRefSerializer(many=True))
    def get_matches(self, obj):
        return [{"id": m.factcheck_id, "url": m.factcheck.url, "claim_reviewed": m.factcheck.claim_reviewed,
                 "rating": m.factcheck.rating, "publisher": m.factcheck.publisher, "score": m.score, "level": m.level}
                for m in matches_of(obj)]

    def validate_claim_reviewed(self, value):
        if len(value) > 300:
            raise serializers.ValidationError("At most 300 characters (schema.org advises 75 or fewer).")
        return value

    def validate_evidence(self, value):
        if any("url" not in e for e in value):  # a PATCH makes the nested fields optional; a link needs its url
            raise serializers.ValidationError("Each evidence link needs its url.")
        urls = [e["url"] for e in value]
        dupes = sorted({u for u in urls if urls.count(u) > 1})
        if dupes:
            raise serializers.ValidationError(f"The same evidence URL is listed twice: {', '.join(dupes)}")
        return value

    def update(self, instance, validated_data):
        user = self.context["request"].user
        evidence = validated_data.pop("evidence", None)
        version = validated_data.pop("version", None)
        correction = review.Correction(validated_data.pop("correction_kind", ""),
                                       validated_data.pop("correction_reason", ""), was_published=instance.is_published)
        try:
            with transaction.atomic():
                changes = {k: v for k, v in validated_data.items() if k in review.REVIEW_FIELDS}
                # StaleClaim: the view's 409
                review.apply_review(instance, user, version=version, correction=correction, **changes)
                if evidence is not None:
                    old = [e.url for e in instance.evidence.all()]
                    instance.evidence.all().delete()
                    for e in evidence:
                        EvidenceLink.objects.create(claim=instance, **e)
                    review.evidence_changed(instance, user, old, correction)
        except review.CorrectionNeeded as exc:  # nothing was written
            raise serializers.ValidationError({"correction_reason": [str(exc)]}) from None
        for attr in RELATIONS:  # the lists loaded before the write are stale now
            instance.__dict__.pop(attr, None)
        return instance


class ClaimLinkSerializer(StrictJSON, serializers.HyperlinkedModelSerializer):
    """A link's ends are fixed at creation (delete it and create another to re-point it); its
    relation and note may change, and every change is recorded in both claims' history."""

    id = serializers.IntegerField(read_only=True)
    source = PrimaryKeyField(queryset=Claim.objects.all())
    target = PrimaryKeyField(queryset=Claim.objects.all())
    created_by = StaffOnlyUsername(read_only=True, allow_null=True)

    class Meta:
        model = ClaimLink
        fields = ["id", "url", "source", "target", "relation", "note", "created_by", "created_at"]
        validators = []  # validate() answers a repeated link with a 409, as every clash with what is stored

    def validate(self, attrs):
        link = self.instance
        if link is not None:
            for end in ("source", "target"):
                if end in attrs and attrs[end].pk != getattr(link, f"{end}_id"):
                    raise Conflict(f"{end}: A link's ends cannot change: delete this link and create another.")
        source = attrs.get("source", link.source if link else None)
        target = attrs.get("target", link.target if link else None)
        relation = attrs.get("relation", link.relation if link else None)
        if source == target:
            raise Conflict("target: A claim cannot be linked to itself.")
        same = ClaimLink.objects.filter(source=source, target=target, relation=relation)
        if link is not None:
            same = same.exclude(pk=link.pk)
        if same.exists():
            raise Conflict("relation: These claims are already linked this way.")
        return attrs


class ReviewEventSerializer(serializers.ModelSerializer):
    user = StaffOnlyUsername(read_only=True, allow_null=True)

    class Meta:
        model = ReviewEvent
        fields = ["id", "claim", "user", "at", "changes"]


class MergeSerializer(StrictJSON, serializers.Serializer):
    merge = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1,
                                  help_text="Ids of the records to merge into this one.")
