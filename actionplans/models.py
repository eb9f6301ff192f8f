import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.models import Level, Organization
from organizations.roles import is_coordinator
from sessions_log.models import TrainingSession


class ContentArea(models.TextChoices):
    """Adapted from the European Gender Equality Plan guidance and UNDP's Gender Equality Seal."""

    LEADERSHIP = "leadership", _("Leadership and decision-making")
    RECRUITMENT = "recruitment", _("Recruitment, pay and career progression")
    WORK_LIFE = "work_life", _("Work-life balance and organizational culture")
    GBV = "gbv", _("Gender-based violence and sexual harassment")
    PROGRAMMES = "programmes", _("Gender in programmes, projects and services")
    CAPACITY = "capacity", _("Capacity building and awareness")
    STRUCTURES = "structures", _("Structures, data and monitoring")


class PlanScopedQuerySet(models.QuerySet):
    """Rows that belong to a plan, seen through the plan's organization."""

    plan_path = "plan"

    def for_user(self, user):
        """Rows of the plans this user may see: all for coordinators, their own organizations' for partners."""
        if is_coordinator(user):
            return self.all()
        return self.filter(**{f"{self.plan_path}__organization__in": Organization.objects.for_user(user)})


class ActionPlanQuerySet(models.QuerySet):
    def for_user(self, user):
        """Plans this user may see: all for coordinators, their own organizations' for partners."""
        if is_coordinator(user):
            return self.all()
        return self.filter(organization__in=Organization.objects.for_user(user))


class ActionPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")
        COMPLETED = "completed", _("Completed")
        ARCHIVED = "archived", _("Archived")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="action_plans", verbose_name=_("organization")
    )
    title = models.CharField(_("title"), max_length=255)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    source_session = models.ForeignKey(
        TrainingSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_plans",
        verbose_name=_("source session"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    statement_of_intent = models.TextField(_("statement of intent"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # Incremented by every save through the editor; a save that carries an older number is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organization__name", "-period_start"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="plan_end_not_before_start")
        ]
        permissions = [
            ("review_actionplan", _("Can approve or return action plans")),
            ("export_actionplan", _("Can export action plans")),
        ]

    def __str__(self):
        return f"{self.title} · {self.organization}"

    def get_absolute_url(self):
        return reverse("actionplans:detail", args=[self.pk])

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class Objective(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("plan"))
    title = models.CharField(_("objective"), max_length=255)
    content_area = models.CharField(_("content area"), max_length=20, choices=ContentArea.choices)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = PlanScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        permissions = [("export_objective", _("Can export objectives"))]

    def __str__(self):
        return self.title


class ObjectiveScopedQuerySet(PlanScopedQuerySet):
    plan_path = "objective__plan"


class ActionQuerySet(ObjectiveScopedQuerySet):
    def overdue(self, today=None):
        """Actions past their due date that are neither done nor cancelled."""
        today = today or timezone.localdate()
        return self.filter(due_date__lt=today).exclude(status__in=Action.CLOSED_STATUSES)


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    CLOSED_STATUSES = (Status.DONE, Status.CANCELLED)

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="actions", verbose_name=_("objective")
    )
    title = models.CharField(_("action"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    responsible = models.CharField(_("responsible person or role"), max_length=255, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    resources = models.CharField(_("resources"), max_length=255, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "due_date", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(start_date__isnull=True) | Q(due_date__gte=F("start_date")),
                name="action_due_not_before_start",
            )
        ]
        permissions = [("export_action", _("Can export actions"))]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError({"due_date": _("The due date cannot be before the start date.")})

    def is_overdue(self, today=None):
        """Computed from today's date, never stored."""
        today = today or timezone.localdate()
        return bool(self.due_date and self.due_date < today and self.status not in self.CLOSED_STATUSES)


class Indicator(models.Model):
    class Kind(models.TextChoices):
        SHARE_OF_WOMEN = "share_women", _("Share of women (women / total, %)")
        COUNT = "count", _("Count")
        YES_NO = "yes_no", _("Yes / no")

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("objective")
    )
    name = models.CharField(_("indicator"), max_length=255)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COUNT)
    level = models.CharField(
        _("level"),
        max_length=20,
        choices=Level.choices,
        blank=True,
        help_text=_("For a share of women: the level of the organization it measures."),
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline_value = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    data_source = models.CharField(_("data source"), max_length=255, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ObjectiveScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_value__gte=0),
                name="indicator_baseline_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(target_value__isnull=True) | Q(target_value__gte=0), name="indicator_target_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(kind="share_women") | Q(target_value__isnull=True) | Q(target_value__lte=100),
                name="indicator_share_target_at_most_100",
            ),
        ]
        permissions = [("export_indicator", _("Can export indicators"))]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.target_date and self.target_value is None:
            errors["target_value"] = _("Give the target value for the target date.")
        if self.baseline_date and self.baseline_value is None:
            errors["baseline_value"] = _("Give the baseline value for the baseline date.")
        if self.kind == self.Kind.SHARE_OF_WOMEN:
            for field in ("baseline_value", "target_value"):
                value = getattr(self, field)
                if value is not None and value > 100:
                    errors[field] = _("A share is a percentage between 0 and 100.")
        if self.kind == self.Kind.YES_NO:
            for field in ("baseline_value", "target_value"):
                value = getattr(self, field)
                if value is not None and value not in (0, 1):
                    errors[field] = _("A yes/no indicator takes 1 for yes or 0 for no.")
        if errors:
            raise ValidationError(errors)


class MeasurementQuerySet(PlanScopedQuerySet):
    plan_path = "indicator__objective__plan"


class Measurement(models.Model):
    """A value of an indicator on a date. For a share of women, value = 100 * women / total."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("indicator")
    )
    date = models.DateField(_("date"), default=datetime.date.today)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MeasurementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        get_latest_by = ["date", "pk"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="measurement_value_not_negative"),
            models.CheckConstraint(
                condition=Q(women__isnull=True) | Q(total__isnull=True) | Q(women__lte=F("total")),
                name="measurement_women_not_above_total",
            ),
        ]
        permissions = [("export_measurement", _("Can export measurements"))]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.date:%Y-%m-%d})"


class ProgressUpdate(models.Model):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="progress_updates", verbose_name=_("plan")
    )
    date = models.DateField(_("date"), default=datetime.date.today)
    narrative = models.TextField(_("what happened"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PlanScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        permissions = [("export_progressupdate", _("Can export progress updates"))]

    def __str__(self):
        return f"{self.plan} · {self.date:%Y-%m-%d}"


def evidence_upload_to(instance, filename):
    # The stored name is not the uploaded one: it never reaches a public URL, and clashes are impossible.
    return f"evidence/{instance.update.plan.organization_id}/{timezone.now():%Y/%m}/{filename}"


class EvidenceQuerySet(PlanScopedQuerySet):
    plan_path = "update__plan"


class Evidence(models.Model):
    """A file attached to a progress update, served only through a permission-checked view."""

    update = models.ForeignKey(
        ProgressUpdate, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("progress update")
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=500)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        permissions = [("export_evidence", _("Can export evidence file lists"))]

    def __str__(self):
        return self.original_name


class ReviewComment(models.Model):
    class Decision(models.TextChoices):
        COMMENT = "comment", _("Comment")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="review_comments", verbose_name=_("plan")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"), blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.COMMENT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PlanScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        permissions = [("export_reviewcomment", _("Can export review comments"))]

    def __str__(self):
        return f"{self.get_decision_display()} · {self.plan}"
