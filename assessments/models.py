# ruff: noqa: RUF001
"""The organizational gender self-assessment: a questionnaire library by content area, an organization's
assessment (draft → submitted → validated) with one answer per question, and suggested objectives and actions.

Translations of the library (questions, guidance, suggestions) are fields per language (``text_en``,
``text_ru``, ``text_ky``) rather than a JSON blob: the admin, the coordinators' page and the export handle them as
ordinary fields with their own labels and checks (English required, the others optional and falling back to it),
and no translation package is needed for three fixed languages.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from actionplans.models import ContentArea, Indicator
from core.history import HistoricalRecords
from core.roles import is_coordinator
from organizations.models import Level as HeadcountLevel
from organizations.models import Organization

LANGUAGES = ("en", "ru", "ky")


def in_language(row, field, language=None):
    """``row.<field>_<language>`` in the given (else the active) language, falling back to English."""
    language = (language or get_language() or "en")[:2]
    if language not in LANGUAGES:
        language = "en"
    return getattr(row, f"{field}_{language}") or getattr(row, f"{field}_en")


class AnswerLevel(models.IntegerChoices):
    """The four levels of an answer, after UN-SWAP's missing / approaches / meets / exceeds."""

    MISSING = 0, _("Missing")
    STARTED = 1, _("Started")
    IN_PLACE = 2, _("In place")
    EXEMPLARY = 3, _("Exemplary")


GUIDANCE_FIELDS = {
    AnswerLevel.MISSING: "missing",
    AnswerLevel.STARTED: "started",
    AnswerLevel.IN_PLACE: "in_place",
    AnswerLevel.EXEMPLARY: "exemplary",
}


class Maturity(models.TextChoices):
    """An area's or an organization's maturity from its score; the thresholds are in assessments.scoring."""

    STARTING = "starting", _("Starting")
    DEVELOPING = "developing", _("Developing")
    ESTABLISHED = "established", _("Established")
    LEADING = "leading", _("Leading")


class QuestionQuerySet(models.QuerySet):
    def active(self):
        """Questions asked in new assessments."""
        return self.filter(is_active=True)


class Question(models.Model):
    content_area = models.CharField(_("content area"), max_length=20, choices=ContentArea.choices)
    order = models.PositiveIntegerField(_("order"), default=0)
    text_en = models.CharField(_("question (English)"), max_length=500)
    text_ru = models.CharField(_("question (Russian)"), max_length=500, blank=True)
    text_ky = models.CharField(_("question (Kyrgyz)"), max_length=500, blank=True)
    missing_en = models.CharField(_("missing: guidance (English)"), max_length=500)
    missing_ru = models.CharField(_("missing: guidance (Russian)"), max_length=500, blank=True)
    missing_ky = models.CharField(_("missing: guidance (Kyrgyz)"), max_length=500, blank=True)
    started_en = models.CharField(_("started: guidance (English)"), max_length=500)
    started_ru = models.CharField(_("started: guidance (Russian)"), max_length=500, blank=True)
    started_ky = models.CharField(_("started: guidance (Kyrgyz)"), max_length=500, blank=True)
    in_place_en = models.CharField(_("in place: guidance (English)"), max_length=500)
    in_place_ru = models.CharField(_("in place: guidance (Russian)"), max_length=500, blank=True)
    in_place_ky = models.CharField(_("in place: guidance (Kyrgyz)"), max_length=500, blank=True)
    exemplary_en = models.CharField(_("exemplary: guidance (English)"), max_length=500)
    exemplary_ru = models.CharField(_("exemplary: guidance (Russian)"), max_length=500, blank=True)
    exemplary_ky = models.CharField(_("exemplary: guidance (Kyrgyz)"), max_length=500, blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive questions are not asked in new assessments.")
    )

    objects = QuestionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["content_area", "order", "pk"]
        verbose_name = _("assessment question")
        verbose_name_plural = _("assessment questions")

    def __str__(self):
        return self.text_en

    @property
    def text(self):
        return in_language(self, "text")

    def guidance(self, level):
        """The line of guidance for an answer level, in the active language."""
        return in_language(self, GUIDANCE_FIELDS[level])

    @property
    def levels(self):
        """[(level, label, guidance)] in order, for the form and the pages."""
        return [(level, label, self.guidance(level)) for level, label in AnswerLevel.choices]


class AssessmentQuerySet(models.QuerySet):
    def for_user(self, user):
        """Assessments this user may see: all for coordinators, their own organizations' for partners."""
        if is_coordinator(user):
            return self.all()
        return self.filter(organization__in=Organization.objects.for_user(user))

    def counted(self):
        """Assessments whose scores count in comparisons: validated by a coordinator."""
        return self.filter(status=Assessment.Status.VALIDATED)


class AssessmentWorkflowError(Exception):
    """A step asked of an assessment in a status that does not allow it."""


class StaleAssessmentError(Exception):
    message = _("Someone else changed this assessment while you were editing it. Nothing of your save was written.")


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        VALIDATED = "validated", _("Validated")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("organization")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Incremented by every save and step; a save that carries an older number is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("validated by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organization__name", "-year"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="assessment_one_per_organization_year")
        ]
        permissions = [("export_assessment", _("Can export self-assessment scores"))]

    def __str__(self):
        return f"{self.organization} · {self.year}"

    def get_absolute_url(self):
        return reverse("assessments:detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT

    def claim_version(self, expected):
        """Bump the version if it is still ``expected`` and the assessment a draft; else StaleAssessmentError."""
        claimed = Assessment.objects.filter(pk=self.pk, version=expected, status=self.Status.DRAFT).update(
            version=F("version") + 1
        )
        if not claimed:
            raise StaleAssessmentError(StaleAssessmentError.message)
        self.version = expected + 1

    def _move(self, *, allowed, to, by, **fields):
        with transaction.atomic():
            current = Assessment.objects.select_for_update().get(pk=self.pk)
            if current.status not in allowed:
                raise AssessmentWorkflowError(
                    _("This assessment is %(status)s; that step is not possible now.")
                    % {"status": current.get_status_display().lower()}
                )
            current.status = to
            current.version += 1
            for name, value in fields.items():
                setattr(current, name, value)
            current._history_user = by
            current.save()
        self.refresh_from_db()
        return self

    def submit(self, *, by):
        """Send a draft to the coordinators; every question needs a level first."""
        missing = self.answers.filter(level__isnull=True).count()
        if missing:
            raise AssessmentWorkflowError(
                _("Choose a level for every question before submitting (%(count)s without one).") % {"count": missing}
            )
        return self._move(allowed=[self.Status.DRAFT], to=self.Status.SUBMITTED, by=by, submitted_at=timezone.now())

    def validate(self, *, by):
        """A coordinator confirms the submitted answers (with any levels they changed): the scores count."""
        return self._move(
            allowed=[self.Status.SUBMITTED],
            to=self.Status.VALIDATED,
            by=by,
            validated_by=by,
            validated_at=timezone.now(),
        )

    def reopen(self, *, by):
        """Give a submitted assessment back to the partner as a draft."""
        return self._move(allowed=[self.Status.SUBMITTED], to=self.Status.DRAFT, by=by)


def answer_evidence_upload_to(instance, filename):
    # The stored name is random (see services.answer_evidence_store); never the uploaded one.
    return f"assessments/{instance.assessment.organization_id}/{timezone.now():%Y/%m}/{filename}"


class AnswerQuerySet(models.QuerySet):
    def for_user(self, user):
        """Answers of the assessments this user may see."""
        return self.filter(assessment__in=Assessment.objects.for_user(user))


class Answer(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("assessment")
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question"))
    level = models.PositiveSmallIntegerField(_("level"), choices=AnswerLevel.choices, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.FileField(_("evidence file"), upload_to=answer_evidence_upload_to, max_length=500, blank=True)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    evidence_type = models.CharField(_("content type"), max_length=100, blank=True)
    # The coordinator's level when it differs from the partner's, and why (the partner sees both).
    validated_level = models.PositiveSmallIntegerField(
        _("level set by the coordinator"), choices=AnswerLevel.choices, null=True, blank=True
    )
    coordinator_comment = models.TextField(_("coordinator's comment"), blank=True)

    objects = AnswerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["question__content_area", "question__order", "question__pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="answer_one_per_question"),
            models.CheckConstraint(condition=Q(level__isnull=True) | Q(level__lte=3), name="answer_level_0_to_3"),
            models.CheckConstraint(
                condition=Q(validated_level__isnull=True) | Q(validated_level__lte=3),
                name="answer_validated_level_0_to_3",
            ),
        ]

    def __str__(self):
        return f"{self.assessment} · {self.question}"

    @property
    def final_level(self):
        """The level that counts: the coordinator's when they changed it, else the partner's."""
        return self.validated_level if self.validated_level is not None else self.level

    @property
    def changed_by_coordinator(self):
        return self.validated_level is not None and self.validated_level != self.level


class Suggestion(models.Model):
    """A suggested objective for a content area, with the indicator that measures it and suggested actions."""

    class BaselineSource(models.TextChoices):
        AREA_SCORE = "area_score", _("The content area's self-assessment score (0–100)")
        HEADCOUNT = "headcount", _("The share of women at a level, from the latest headcount")

    content_area = models.CharField(_("content area"), max_length=20, choices=ContentArea.choices)
    up_to = models.CharField(
        _("offered up to"),
        max_length=12,
        choices=Maturity.choices,
        default=Maturity.DEVELOPING,
        help_text=_("Offered while the content area's maturity is at most this level."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title_en = models.CharField(_("objective (English)"), max_length=255)
    title_ru = models.CharField(_("objective (Russian)"), max_length=255, blank=True)
    title_ky = models.CharField(_("objective (Kyrgyz)"), max_length=255, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_ky = models.TextField(_("description (Kyrgyz)"), blank=True)
    indicator_en = models.CharField(_("indicator (English)"), max_length=255)
    indicator_ru = models.CharField(_("indicator (Russian)"), max_length=255, blank=True)
    indicator_ky = models.CharField(_("indicator (Kyrgyz)"), max_length=255, blank=True)
    baseline_source = models.CharField(
        _("baseline from"), max_length=12, choices=BaselineSource.choices, default=BaselineSource.AREA_SCORE
    )
    headcount_level = models.CharField(
        _("headcount level"),
        max_length=20,
        choices=HeadcountLevel.choices,
        blank=True,
        help_text=_("For a baseline from the headcount: the level whose share of women is measured."),
    )
    target_value = models.DecimalField(
        _("target"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: the partner sets it. For a score: the points to reach; for a share: the %."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["content_area", "order", "pk"]
        verbose_name = _("suggested objective")
        verbose_name_plural = _("suggested objectives")
        constraints = [
            models.CheckConstraint(
                condition=~Q(baseline_source="headcount") | ~Q(headcount_level=""),
                name="suggestion_headcount_needs_level",
            )
        ]

    def __str__(self):
        return self.title_en

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.baseline_source == self.BaselineSource.HEADCOUNT and not self.headcount_level:
            raise ValidationError({"headcount_level": _("Choose the level whose headcount gives the baseline.")})

    @property
    def title(self):
        return in_language(self, "title")

    @property
    def description(self):
        return in_language(self, "description")

    @property
    def indicator(self):
        return in_language(self, "indicator")

    @property
    def indicator_kind(self):
        if self.baseline_source == self.BaselineSource.HEADCOUNT:
            return Indicator.Kind.SHARE_OF_WOMEN
        return Indicator.Kind.COUNT


class SuggestedAction(models.Model):
    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.CASCADE, related_name="actions", verbose_name=_("suggested objective")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title_en = models.CharField(_("action (English)"), max_length=255)
    title_ru = models.CharField(_("action (Russian)"), max_length=255, blank=True)
    title_ky = models.CharField(_("action (Kyrgyz)"), max_length=255, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("suggested action")
        verbose_name_plural = _("suggested actions")

    def __str__(self):
        return self.title_en

    @property
    def title(self):
        return in_language(self, "title")
