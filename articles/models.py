"""The ClaimsDB schema: articles, the people and organisations they name, the claims and
statistics they contain, and the editors' review of those claims.

Offsets (``start``/``end``) always index into ``Article.body``, which is the source file's text
exactly as decoded, so ``article.body[claim.start:claim.end] == claim.text``.
"""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from articles.entities.keys import HONORIFICS, name_key  # noqa: F401 (re-exported)
from articles.publishing.rule import CHECKED, PUBLISHED, is_published  # noqa: F401 (re-exported)


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Organisation(TimeStamped):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", "Government body"
        LEGISLATURE = "legislature", "Legislature"
        COURT = "court", "Court"
        PARTY = "party", "Political party"
        NEWS = "news", "News organisation"
        INTERNATIONAL = "international", "International body"
        ARMED_GROUP = "armed_group", "Armed group"
        COMPANY = "company", "Company"
        NGO = "ngo", "Non-governmental organisation"
        THINK_TANK = "think_tank", "Think tank"
        POLLSTER = "poll", "Pollster"
        EDUCATION = "education", "University or school"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True, help_text="Matching key of the name.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]
        permissions = [("merge_organisation", "Can merge organisations")]

    def __str__(self):
        return self.name


class OrganisationAlias(models.Model):
    """A surface form naming an organisation ("Isil", "ISIS"). A key maps to one organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "organisation aliases"

    def __str__(self):
        return self.name


class Person(TimeStamped):
    class Gender(models.TextChoices):
        UNKNOWN = "", "Unknown"
        MALE = "m", "Male"
        FEMALE = "f", "Female"

    name = models.CharField(max_length=200, help_text="Canonical name, without honorifics.")
    key = models.CharField(max_length=200, unique=True)
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True, default="")
    description = models.TextField(blank=True)
    # Set on the records an import creates, cleared when surname linking has seen them: a run that
    # stops (killed, locked, a failed file) leaves them set, and the next run finishes the job.
    surname_pending = models.BooleanField(default=False, editable=False, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["name"])]
        permissions = [("merge_person", "Can merge people")]

    def __str__(self):
        return self.name


class PersonAlias(models.Model):
    """A surface form naming a person: "Mr Trump", "Sir Michael", "the President-elect".

    ``key`` is unique for full names only (``is_name``); short forms such as "Mr Trump" may name
    different people in different articles, so they are recorded but never used to match alone.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, db_index=True)
    is_name = models.BooleanField(default=False, help_text="A full name that identifies the person across articles.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="personalias_unique_per_person"),
            models.UniqueConstraint(fields=["key"], condition=Q(is_name=True), name="personalias_unique_full_name"),
        ]

    def __str__(self):
        return self.name


class Affiliation(models.Model):
    """A role a person holds, optionally in an organisation, as an article (or an editor) stated it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    role = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="affiliations")
    article = models.ForeignKey("Article", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="affiliations", help_text="The article that stated it.")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["person", "role", "organisation", "article"], name="affiliation_unique"),
            models.CheckConstraint(condition=~Q(role="") | Q(organisation__isnull=False),
                                   name="affiliation_has_role_or_org"),
        ]

    def __str__(self):
        org = f" ({self.organisation})" if self.organisation_id else ""
        return f"{self.person}: {self.role}{org}"


class Article(models.Model):
    title = models.CharField(max_length=500)
    published = models.DateField(db_index=True)
    publisher = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="published_articles")
    body = models.TextField(help_text="The source file's text exactly as imported; offsets index into it.")
    paragraphs = models.JSONField(default=list, help_text='Blocks of the text: [{"kind", "start", "end"}].')
    source_file = models.CharField(max_length=255, unique=True, help_text="Name of the imported file.")
    source_url = models.URLField(max_length=1000, blank=True,
                                 help_text="Where the article was published (the file's \"Source:\" line, or an editor's).")
    sha256 = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the file's bytes.")
    word_count = models.PositiveIntegerField(default=0)
    extractor_version = models.CharField(max_length=40, blank=True)
    imported_at = models.DateTimeField(default=timezone.now, help_text="First import.")
    updated_at = models.DateTimeField(default=timezone.now, help_text="Last import that changed it.")

    class Meta:
        ordering = ["-published", "title"]
        indexes = [models.Index(fields=["publisher", "published"])]

    def __str__(self):
        return self.title

    def blocks(self, kinds=("paragraph", "bullet")):
        """The article's paragraphs and bullets as (kind, start, end, text)."""
        for b in self.paragraphs:
            if b["kind"] in kinds:
                yield b["kind"], b["start"], b["end"], self.body[b["start"]:b["end"]]


class Mention(models.Model):
    """An occurrence of a person or an organisation in an article's text."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="mentions")
    text = models.CharField(max_length=200)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False) ^ Q(organisation__isnull=False),
                                   name="mention_one_entity"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="mention_span"),
            models.UniqueConstraint(fields=["article", "start", "end"], name="mention_unique_span"),
        ]

    def __str__(self):
        return self.text


class Claim(models.Model):
    class SourceKind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        PRONOUN = "pronoun", "Pronoun (unresolved)"
        GROUP = "group", "Group of people"
        DOCUMENT = "document", "Document"
        UNRESOLVED = "unresolved", "Unresolved"

    class Kind(models.TextChoices):
        QUOTE = "quote", "Direct quote"
        REPORTED = "reported", "Reported speech"
        ASSERTION = "assertion", "Article's own assertion"

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_REVIEW = "in_review", "In review"
        CHECKED = "checked", "Checked"

    class Verdict(models.TextChoices):
        # Ordered from worst (1) to best (5): the order gives schema.org ratingValue.
        FALSE = "false", "False"
        MOSTLY_FALSE = "mostly_false", "Mostly false"
        MIXED = "mixed", "Half true"
        MOSTLY_TRUE = "mostly_true", "Mostly true"
        TRUE = "true", "True"
        UNPROVEN = "unproven", "Unproven"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    # The article's date, copied so date filters and the admin's date hierarchy need no join.
    published = models.DateField(null=True, blank=True, editable=False)
    key = models.CharField(max_length=64, help_text="Stable identity within the article (hash of the text).")
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, db_index=True)
    speaker = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims")
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="claims",
                                     help_text="The body an anonymous source speaks for.")
    speaker_text = models.CharField(max_length=200, blank=True, help_text="The words naming the speaker.")
    cue = models.CharField(max_length=60, blank=True)
    frame = models.CharField(max_length=40, blank=True, editable=False,
                             help_text="The extraction rule (frame) that placed the claim's content: quotes_before, "
                                       "that_clause, learned (the cue model), continuation, transcript, ...")
    source_kind = models.CharField(
        max_length=12, blank=True, choices=SourceKind.choices, editable=False, db_index=True,
        help_text="What names the source: a person or an organisation record, else its words: a pronoun, a group "
                  "(experts, 40 percent of voters), a document (the poll, the report), or unresolved.")
    confidence = models.FloatField(
        default=1.0, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="The extractor's calibrated probability that this is an attribution's content (0-1).")
    checkworthiness = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="How much the claim deserves a fact-check: the check-worthiness model's probability (0-1); "
                  "empty until scored.")
    # The model version that gave the score: a new model re-scores every claim (services/checkworthiness).
    checkworthiness_version = models.CharField(max_length=20, blank=True, editable=False)
    mentioned_people = models.ManyToManyField(Person, blank=True, related_name="mentioned_in_claims")
    mentioned_organisations = models.ManyToManyField(Organisation, blank=True,
                                                     related_name="mentioned_in_claims")
    in_text = models.BooleanField(default=True, help_text="False when a re-import no longer finds the claim "
                                  "in the article; kept because editors worked on it.")
    edited = models.BooleanField(default=False, help_text="An editor changed the extracted fields; "
                                 "re-imports keep the editor's speaker and mentions.")
    # The editors' review.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    verdict = models.CharField(max_length=15, choices=Verdict.choices, blank=True, db_index=True)
    rationale = models.TextField(blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="reviewed_claims")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="assigned_claims", help_text="The editor checking this claim.")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    claim_reviewed = models.CharField(
        max_length=300, blank=True,
        help_text="The editor's short wording of the claim for the published check (schema.org advises at most "
                  "75 characters). Empty: the claim's text, cleaned.")
    # The same statement in several articles (see services/families.py).
    family = models.ForeignKey("ClaimFamily", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="appearances")
    fingerprint = models.CharField(max_length=40, blank=True, db_index=True,
                                   help_text="Hash of the claim's words, lower-cased: equal for the same wording.")
    # Optimistic locking of the review (services/review.py): every editor's write adds one, and a
    # write made from an older version (a stale form, a PATCH with an old version) is refused.
    version = models.PositiveIntegerField(default=0, help_text="Raised by one at every review write.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article_id", "start"]
        # Publishing a check (checked, with a verdict) is a right of its own: a newsroom can keep a
        # second pair of eyes between verdict and publication (services.review.publish).
        permissions = [("publish_claim", "Can publish a check")]
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="claim_unique_key"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span"),
            models.CheckConstraint(condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="claim_confidence_range"),
        ]
        indexes = [
            models.Index(fields=["speaker", "article"]),
            models.Index(fields=["status", "verdict"]),
            models.Index(fields=["organisation"]),
            models.Index(fields=["published", "id"]),
            models.Index(fields=["confidence", "id"]),
            models.Index(fields=["checkworthiness", "id"]),
        ]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        if self.published is None and self.article_id:
            self.published = Article.objects.filter(pk=self.article_id).values_list("published", flat=True).first()
        super().save(*args, **kwargs)

    @property
    def has_review_work(self) -> bool:
        return bool(self.status != self.Status.NEW or self.verdict or self.rationale or self.edited)

    @property
    def is_published(self) -> bool:
        """The publication rule: a check is public once its claim is checked with a verdict."""
        return is_published(self.status, self.verdict)


assert Claim.Status.CHECKED == CHECKED  # the publication rule names the status by its value


class EvidenceLink(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=1000)
    title = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["claim", "url"], name="evidence_unique")]

    def __str__(self):
        return self.title or self.url


class ClaimLink(models.Model):
    class Relation(models.TextChoices):
        SUPPORTS = "supports", "supports"
        CONTRADICTS = "contradicts", "contradicts"
        REPEATS = "repeats", "repeats"
        RESPONDS_TO = "responds_to", "responds to"

    source = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_in")
    relation = models.CharField(max_length=15, choices=Relation.choices)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "relation"], name="claimlink_unique"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="claimlink_not_self"),
        ]

    def clean(self):
        # Also guards the admin's inline and forms, where no serializer runs.
        if self.source_id is not None and self.source_id == self.target_id:
            raise ValidationError({"target": "A claim cannot be linked to itself."})

    def __str__(self):
        # "“The NHS is better prepared…” contradicts “Waiting lists have doubled…”", not "62 contradicts 57".
        def excerpt(claim):
            return f"“{claim.text[:50]}{'…' if len(claim.text) > 50 else ''}”"

        return f"{excerpt(self.source)} {self.get_relation_display().lower()} {excerpt(self.target)}"


class ReviewEvent(models.Model):
    """One change to a claim's review, kept forever: who, when, and each field's old and new value."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="review_events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    changes = models.JSONField(default=dict, help_text='{"field": [old, new]}')

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.claim_id} at {self.at:%Y-%m-%d %H:%M}"


class Statistic(models.Model):
    class Unit(models.TextChoices):
        PERCENT = "percent", "per cent"
        PERCENTAGE_POINTS = "percentage_points", "percentage points"
        COUNT = "count", "count"
        CURRENCY = "currency", "currency"
        RATIO = "ratio", "ratio (value in upper_value)"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="statistics")
    key = models.CharField(max_length=64)
    value = models.DecimalField(max_digits=30, decimal_places=6)
    unit = models.CharField(max_length=20, choices=Unit.choices, db_index=True)
    currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217 code for money.")
    qualifier = models.CharField(max_length=40, blank=True)
    previous_value = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    upper_value = models.DecimalField(
        max_digits=30, decimal_places=6, null=True, blank=True,
        help_text="A range's upper end (between 0.7 and 0.9), or a ratio's whole (1 in 5).")
    measure = models.CharField(max_length=200, blank=True)
    period = models.CharField(max_length=100, blank=True)
    text = models.CharField(max_length=500)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    claim = models.ForeignKey(Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="statistics")
    edited = models.BooleanField(default=False)

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="statistic_unique_key"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="statistic_span"),
        ]
        indexes = [models.Index(fields=["unit", "value"])]

    def __str__(self):
        return self.text


class PersonLink(models.Model):
    """A surname used alone ("Obama") linked, or proposed for linking, to a full-name person.

    The importer links a surname-only record to the one person in the database its context supports
    (gender, role, prominence) when confident, and otherwise files a suggestion here for editors.
    Accepted and automatic links are remembered by the surname's key, so later imports map the
    surname straight to the person; a rejected pair is never linked again."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested (needs an editor)"
        LINKED = "linked", "Linked"
        REJECTED = "rejected", "Rejected by an editor"

    short_name = models.CharField(max_length=200, help_text="The surname as the articles use it.")
    short_key = models.CharField(max_length=200, db_index=True)
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               help_text="The surname-only record, while it exists.")
    candidate = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="surname_links")
    confidence = models.FloatField(validators=[MinValueValidator(0.0), MaxValueValidator(1.0)])
    reason = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUGGESTED, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "confidence"]
        constraints = [models.UniqueConstraint(fields=["short_key", "candidate"], name="personlink_unique_pair")]

    def __str__(self):
        return f"{self.short_name} → {self.candidate.name} ({self.confidence:.2f}, {self.status})"


class RejectedName(models.Model):
    """A name an editor said is not a person ("Obamacare") or not an organisation: later imports map
    it to the replacement the editor named (or to no record), never back to a new record."""

    class Kind(models.TextChoices):
        PERSON = "person", "not a person"
        ORGANISATION = "organisation", "not an organisation"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.CharField(max_length=200)
    name = models.CharField(max_length=200)
    replacement_person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    replacement_organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                                 related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="rejectedname_unique")]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class ClaimFamily(models.Model):
    """One statement followed across articles: every appearance is a Claim with this family."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "claim families"

    def __str__(self):
        first = self.appearances.order_by("published", "id").first()
        return f"“{first.text[:70]}”" if first else f"Family {self.pk}"


class FactCheckQuerySet(models.QuerySet):
    """Every write to the library bumps ``updated_at`` (the match index keys on it): ``save()`` through
    auto_now, ``update()`` and ``bulk_update()`` here (Django's leave it); a delete changes the count."""

    def update(self, **kwargs):
        kwargs.setdefault("updated_at", timezone.now())
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        objs, now = list(objs), timezone.now()
        for obj in objs:
            obj.updated_at = now
        return super().bulk_update(objs, [*dict.fromkeys([*fields, "updated_at"])], batch_size=batch_size)


class FactCheck(models.Model):
    """A published fact-check (schema.org ClaimReview), ours or anyone's: the matching library."""

    url = models.URLField(max_length=1000, unique=True)
    claim_reviewed = models.TextField()
    rating = models.CharField(max_length=200, blank=True)
    publisher = models.CharField(max_length=200, blank=True, db_index=True)
    title = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=20, blank=True)
    date_published = models.DateField(null=True, blank=True, db_index=True)
    claimant = models.CharField(max_length=200, blank=True)
    raw = models.JSONField(default=dict, blank=True, help_text="The ClaimReview JSON-LD as imported.")
    # WordLlama's vectors (3, 256) of claim, title, both (matching/ranker.py); ``dense``: the encoder's,
    vectors = models.BinaryField(editable=False, default=bytes)
    dense = models.BinaryField(editable=False, null=True)  # keyed by their wording (matching/dense.py ``pack``)
    # Set for ClaimsDB's own checks: the claim it reviews (never matched against itself).
    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, null=True, blank=True, related_name="factcheck")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = FactCheckQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.claim_reviewed[:70]} — {self.publisher or '?'}"


class ClaimMatch(models.Model):
    """A fact-check that may already answer a claim, with the matcher's calibrated score."""

    class Level(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIDENT = "confident", "Confident"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches")
    factcheck = models.ForeignKey(FactCheck, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField(validators=[MinValueValidator(0.0), MaxValueValidator(1.0)])
    level = models.CharField(max_length=10, choices=Level.choices, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "-score"]
        constraints = [models.UniqueConstraint(fields=["claim", "factcheck"], name="claimmatch_unique")]
        verbose_name_plural = "claim matches"

    def __str__(self):
        return f"{self.factcheck.claim_reviewed[:60]} ({self.score:.2f})"


class MatchFeedback(models.Model):
    """An editor's word on a claim and a fact-check: "not this check" (the pair is never matched
    again) or "this is the check" (kept as a confident match whatever the model says). Keyed by the
    fact-check's url, so it survives re-importing the library as well as re-importing the article
    (claims keep their rows) and every re-matching."""

    class Verdict(models.TextChoices):
        REJECTED = "rejected", "Not this check"
        CONFIRMED = "confirmed", "This is the check"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="match_feedback")
    factcheck_url = models.URLField(max_length=1000)
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["claim", "factcheck_url"], name="matchfeedback_unique")]

    def __str__(self):
        return f"{self.get_verdict_display()}: {self.factcheck_url}"


class MergeRecord(models.Model):
    """One merge of duplicate people or organisations, with what the merged records had: the kept
    record's history, and what an undo puts back (entities/merge.py)."""

    class Kind(models.TextChoices):
        PERSON = "person", "People"
        ORGANISATION = "organisation", "Organisations"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    kept_person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="merges")
    kept_organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, blank=True,
                                          related_name="merges")
    merged_names = models.JSONField(default=list)
    moved = models.JSONField(default=dict, help_text='What moved: {"claims": 3, "aliases": 2, "affiliations": 1}.')
    # Django's JSON serialization of the merged records and every row that pointed at them, and
    # what the merge added to the kept record (undo removes it).
    snapshot = models.TextField(editable=False)
    created = models.JSONField(default=dict, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        kept = self.kept_person or self.kept_organisation
        return f"{', '.join(self.merged_names)} → {kept}"


class Checkpoint(models.Model):
    """A step's durable progress mark, read by the next run: e.g. the fact-check library's state the
    stored claims were last matched against (a run stopped before matching is finished by the next)."""

    name = models.CharField(max_length=100, unique=True)
    value = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.name}: {self.value}"


class PageSnapshot(models.Model):
    """The HTML an article was read from: the record of what was published (gzip-compressed)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="snapshots")
    url = models.URLField(max_length=2000, blank=True, help_text="The address asked for (blank for a file).")
    final_url = models.URLField(max_length=2000, blank=True, help_text="The address after redirects.")
    canonical_url = models.URLField(max_length=1000, blank=True, help_text="The address the page declares.")
    http_status = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Blank for a file.")
    fetched_at = models.DateTimeField(help_text="When it was fetched (a file: when it was last modified).")
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the HTML as fetched (uncompressed).")
    content_sha256 = models.CharField(max_length=64, blank=True, db_index=True,
                                      help_text="SHA-256 of the article's text (its paragraphs): the same article "
                                                "under another address has the same one.")
    size = models.PositiveIntegerField(help_text="Bytes of HTML, uncompressed.")
    html_gz = models.BinaryField(editable=False)
    language = models.CharField(max_length=20, blank=True)
    author = models.CharField(max_length=300, blank=True)
    metadata = models.JSONField(default=dict, blank=True, help_text="What the page says about itself.")

    class Meta:
        ordering = ["-fetched_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["article", "sha256"], name="snapshot_unique_html")]

    def __str__(self):
        return f"{self.final_url or self.canonical_url or self.article} ({self.fetched_at:%Y-%m-%d %H:%M})"


class Source(models.Model):
    """A news feed (RSS or Atom) or a news sitemap polled for new articles (services/sources.py,
    manage.py poll_sources)."""

    class Kind(models.TextChoices):
        FEED = "feed", "RSS or Atom feed"
        SITEMAP = "sitemap", "News sitemap"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FEED)
    feed_url = models.URLField(max_length=1000, unique=True, verbose_name="address",
                               help_text="The feed's or the sitemap's address.")
    publisher = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="sources")
    poll_minutes = models.PositiveIntegerField(default=60, validators=[MinValueValidator(5)],
                                               help_text="Minutes between two polls.")
    enabled = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_fetch_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_fetch_at = models.DateTimeField(null=True, blank=True, db_index=True,
                                         help_text="Blank: at the next poll.")
    last_status = models.PositiveSmallIntegerField(null=True, blank=True, editable=False,
                                                   help_text="HTTP status of the last feed fetch.")
    last_error = models.TextField(blank=True, editable=False)
    polls = models.PositiveIntegerField(default=0, editable=False)
    items_seen = models.PositiveIntegerField(default=0, editable=False, help_text="Feed items read, all polls.")
    articles_created = models.PositiveIntegerField(default=0, editable=False)
    articles_updated = models.PositiveIntegerField(default=0, editable=False)
    duplicates = models.PositiveIntegerField(default=0, editable=False,
                                             help_text="Items skipped: an article with the same text is stored.")
    failures = models.PositiveIntegerField(default=0, editable=False, help_text="Items that could not be imported.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


from articles.models_desk import ClaimCorrection, EvidenceArchive, Webhook, WebhookDelivery  # noqa: E402,F401
from articles.models_ingestion import ImportItem, ImportRun, JobLock  # noqa: E402,F401
