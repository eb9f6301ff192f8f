import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.figures import share_of_women
from core.history import HistoricalRecords
from core.roles import is_coordinator
from organizations.models import Level, Organization
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


class PlanWorkflowError(Exception):
    """A workflow step asked of a plan in a status that does not allow it."""


class StalePlanError(Exception):
    """The plan changed since the editor was opened: the save is refused so nobody's work is lost."""

    message = _("Someone else changed this plan while you were editing it. Nothing of your save was written.")


def indicator_progress(*, baseline, value, target):
    """How far `value` has come from the baseline towards the target, in % with one decimal: the one rule that
    the plan page, the print view and PDF, the partner's home and the indicator progress report all show.

    No baseline counts from zero (an indicator is usually set up before anything was done). Negative when the
    value moved away from the target, above 100 beyond it; None without a value or a target. A target equal to
    the baseline (keep a level) is 100 when the value is there and 0 otherwise.
    """
    if value is None or target is None:
        return None
    baseline = Decimal(0) if baseline is None else Decimal(baseline)
    value, target = Decimal(value), Decimal(target)
    if target == baseline:
        return 100.0 if value == target else 0.0
    return float(round(Decimal(100) * (value - baseline) / (target - baseline), 1))


class ActionPlanQuerySet(models.QuerySet):
    def for_user(self, user):
        """Plans this user may see: all for coordinators, their own organizations' for partners."""
        if is_coordinator(user):
            return self.all()
        return self.filter(organization__in=Organization.objects.for_user(user))

    def versions_bump(self):
        """Move these plans to a new version, so an editor opened before this write is refused (409)."""
        return self.update(version=F("version") + 1)

    def with_progress(self, today=None):
        """Annotate action counts: total, done and overdue (one join, so the counts are not multiplied)."""
        today = today or timezone.localdate()
        open_actions = ~Q(objectives__actions__status__in=Action.CLOSED_STATUSES)
        return self.annotate(
            actions_total=Count("objectives__actions"),
            actions_done=Count("objectives__actions", filter=Q(objectives__actions__status=Action.Status.DONE)),
            actions_overdue=Count(
                "objectives__actions", filter=Q(objectives__actions__due_date__lt=today) & open_actions
            ),
        )

    def with_overdue_actions(self, today=None):
        """Plans with at least one overdue action."""
        return self.filter(pk__in=Action.objects.overdue(today).values("objective__plan_id"))


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
        # Every filter and ordering of the lists and the dashboard has its index (issue 16; EXPLAINs in the README).
        indexes = [
            models.Index(fields=["status", "updated_at"], name="plan_status_updated"),
            models.Index(fields=["-updated_at"], name="plan_updated"),
            models.Index(fields=["period_start"], name="plan_period_start"),
            models.Index(fields=["period_end"], name="plan_period_end"),
        ]
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

    # --- Workflow -------------------------------------------------------------------------------------
    # draft/returned --submit--> submitted --approve--> approved --complete--> completed
    #                            submitted --return---> returned;  (almost) anything --archive--> archived
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
    ARCHIVABLE_STATUSES = (Status.DRAFT, Status.RETURNED, Status.APPROVED, Status.COMPLETED)

    @property
    def is_editable(self):
        """Partners change the plan itself only in draft or returned status."""
        return self.status in self.EDITABLE_STATUSES

    @property
    def accepts_progress(self):
        """Measurements, action statuses and progress updates are recorded while the plan is being carried out."""
        return self.status == self.Status.APPROVED

    def check_accepts_progress(self):
        """PermissionDenied with the reason unless the plan accepts progress: every progress write calls this."""
        if not self.accepts_progress:
            raise PermissionDenied(_("Progress is recorded once the plan is approved."))

    @property
    def percent_done(self):
        """Share of actions done, from the with_progress() annotations."""
        total = getattr(self, "actions_total", 0)
        return round(100 * self.actions_done / total) if total else 0

    def _move(self, *, allowed, to, by, reason="", **fields):
        """Change status under a row lock, bump the version (open editors must reload) and record history."""
        with transaction.atomic():
            current = ActionPlan.objects.select_for_update().get(pk=self.pk)
            if current.status not in allowed:
                raise PlanWorkflowError(
                    _("This plan is %(status)s; that step is not possible now.")
                    % {"status": current.get_status_display().lower()}
                )
            current.status = to
            current.version = current.version + 1
            for name, value in fields.items():
                setattr(current, name, value)
            current._history_user = by
            if reason:
                current._change_reason = reason[: self.REASON_MAX_LENGTH]
            current.save()
        self.refresh_from_db()
        return self

    def submit(self, *, by):
        """Send the plan to the coordinators; it is read-only for partners until it comes back."""
        if not Action.objects.filter(objective__plan=self).exists():
            raise PlanWorkflowError(_("Add at least one objective with an action before submitting the plan."))
        return self._move(allowed=self.EDITABLE_STATUSES, to=self.Status.SUBMITTED, by=by)

    def approve(self, *, by, comment=""):
        """Approve a submitted plan: it becomes active, and who approved it and when is recorded."""
        with transaction.atomic():
            self._move(
                allowed=[self.Status.SUBMITTED],
                to=self.Status.APPROVED,
                by=by,
                approved_by=by,
                approved_at=timezone.now(),
            )
            ReviewComment.objects.create(plan=self, author=by, text=comment, decision=ReviewComment.Decision.APPROVED)
        return self

    def return_for_changes(self, *, by, comment):
        """Send a submitted plan back to the partner with the reason."""
        if not (comment or "").strip():
            raise PlanWorkflowError(_("Say what should change when returning a plan."))
        with transaction.atomic():
            self._move(allowed=[self.Status.SUBMITTED], to=self.Status.RETURNED, by=by)
            ReviewComment.objects.create(plan=self, author=by, text=comment, decision=ReviewComment.Decision.RETURNED)
        return self

    def complete(self, *, by):
        """Close an approved plan at the end of its period."""
        return self._move(allowed=[self.Status.APPROVED], to=self.Status.COMPLETED, by=by)

    def archive(self, *, by):
        """Put a plan away; it stays readable."""
        return self._move(allowed=self.ARCHIVABLE_STATUSES, to=self.Status.ARCHIVED, by=by)

    # simple-history keeps a change's reason in a 100-character column.
    REASON_MAX_LENGTH = 100
    RESTORABLE_STATUSES = (Status.ARCHIVED, Status.COMPLETED)

    @property
    def is_restorable(self):
        """An archived or completed plan can be brought back to the status it had before."""
        return self.status in self.RESTORABLE_STATUSES

    def status_before_closing(self):
        """The status this plan had before it was last archived or completed, from its history.

        Read as a stack of statuses left, so a plan completed, archived, restored (to completed) and restored
        again goes back to approved, not to archived.
        """
        left, previous = [], None
        for status in self.history.order_by("history_date", "history_id").values_list("status", flat=True):
            if previous is not None and status != previous:
                if previous in self.RESTORABLE_STATUSES and left and left[-1] == status:
                    left.pop()  # this change was a restore
                else:
                    left.append(previous)
            previous = status
        return left[-1] if left else self.Status.DRAFT

    def restore(self, *, by, reason):
        """Bring an archived or completed plan back to its previous status; the reason is kept in the history."""
        if not (reason or "").strip():
            raise PlanWorkflowError(_("Say why the plan is restored."))
        return self._move(
            allowed=self.RESTORABLE_STATUSES, to=self.status_before_closing(), by=by, reason=reason.strip()
        )

    def claim_version(self, expected):
        """Bump the version if it is still `expected` and the plan still editable; else StalePlanError.

        The check is in the UPDATE itself, so two saves racing cannot both pass it. Call inside a transaction.
        simple-history does not see QuerySet.update(); the caller saves the instance afterwards, which records it.
        """
        claimed = ActionPlan.objects.filter(pk=self.pk, version=expected, status__in=self.EDITABLE_STATUSES).update(
            version=F("version") + 1
        )
        if not claimed:
            raise StalePlanError(StalePlanError.message)
        self.version = expected + 1


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
        indexes = [
            models.Index(fields=["order", "due_date", "id"], name="action_order_due"),
            models.Index(fields=["due_date", "status"], name="action_due_status"),
        ]
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
        return self.overdue(due_date=self.due_date, status=self.status, today=today or timezone.localdate())

    @classmethod
    def overdue(cls, *, due_date, status, today):
        """Whether an action due on ``due_date`` with ``status`` is overdue on ``today`` (the rule, for rows read
        without building an Action, as the reports do)."""
        return bool(due_date and due_date < today and status not in cls.CLOSED_STATUSES)


class Indicator(models.Model):
    class Kind(models.TextChoices):
        SHARE_OF_WOMEN = "share_women", _("Share of women (women / total, %)")
        COUNT = "count", _("Count")
        YES_NO = "yes_no", _("Yes / no")

    class Aggregation(models.TextChoices):
        """How an indicator's values combine over reporting periods."""

        SUM = "sum", _("Added up over periods")
        LATEST = "latest", _("Latest value")
        CUMULATIVE = "cumulative", _("Cumulative to date")

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
    aggregation = models.CharField(
        _("values over periods"),
        max_length=10,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
        help_text=_("Added up (people trained), latest value (a share, a yes/no) or cumulative to date."),
    )
    counts_people = models.BooleanField(
        _("counts people"),
        default=False,
        help_text=_("Record women, men and not stated (and optionally age and disability) with each value."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ObjectiveScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["order", "id"], name="indicator_order")]
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

    @property
    def latest_measurement(self):
        """The most recent measurement, from the prefetched rows when there are any."""
        rows = list(self.measurements.all())
        return rows[-1] if rows else None

    @property
    def latest_progress(self):
        """progress_percent() of the latest measurement (None without one)."""
        latest = self.latest_measurement
        return self.progress_percent(latest.value) if latest else None

    def progress_percent(self, value):
        """indicator_progress() of `value` for this indicator."""
        return indicator_progress(baseline=self.baseline_value, value=value, target=self.target_value)

    @property
    def is_share(self):
        return self.kind == self.Kind.SHARE_OF_WOMEN

    def combine_periods(self, values):
        """The indicator's value to date from its values period by period (oldest first, None skipped): the sum
        for an indicator added up over periods, else the latest. The reports' SQL form is
        ``actionplans.resources.with_accepted_values``; keep both the same."""
        values = [v for v in values if v is not None]
        if not values:
            return None
        return sum(values) if self.aggregation == self.Aggregation.SUM else values[-1]

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
    # The one-time token of the page that recorded this row: a second POST of the same page (a double
    # click) finds it and saves nothing (as TrainingSession.submission_token does for the training page).
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = MeasurementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        indexes = [
            models.Index(fields=["date", "id"], name="measurement_date"),
            # The API's `recorded_since` (what a sync has not seen yet): without it, a page of recent rows read the
            # whole table in id order (EXPLAIN at 10x: 16 ms for an empty answer, growing with the rows).
            models.Index(fields=["created_at"], name="measurement_created"),
        ]
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

    def clean(self):
        """The indicator's rules for a value; a share of women takes its value from women and total.

        Fields that already failed their own checks are None here and left to those messages.
        """
        if not self.indicator_id:
            return
        if self.indicator.is_share:
            if self.women is None or self.total is None:
                return
            if self.women > self.total:
                raise ValidationError({"women": _("There cannot be more women than people in total.")})
            if self.total == 0:
                raise ValidationError({"total": _("Count at least one person.")})
            self.value = Decimal(str(share_of_women(self.women, self.total)))
        elif self.indicator.kind == Indicator.Kind.YES_NO and self.value not in (None, 0, 1):
            raise ValidationError({"value": _("A yes/no indicator takes 1 for yes or 0 for no.")})


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
    # The one-time token of the page that recorded this row: a second POST of the same page (a double
    # click) finds it and saves nothing (as TrainingSession.submission_token does for the training page).
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

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
    return f"evidence/{instance.plan.organization_id}/{timezone.now():%Y/%m}/{filename}"


class EvidenceQuerySet(PlanScopedQuerySet):
    plan_path = "update__plan"

    def for_user(self, user):
        """Files of progress updates and of period reports of the plans this user may see."""
        if is_coordinator(user):
            return self.all()
        organizations = Organization.objects.for_user(user)
        return self.filter(
            Q(update__plan__organization__in=organizations) | Q(report__period__plan__organization__in=organizations)
        )

    def of_plan(self, plan_id):
        """Files of this plan's progress updates and period reports."""
        return self.filter(Q(update__plan_id=plan_id) | Q(report__period__plan_id=plan_id))


class Evidence(models.Model):
    """A file attached to a progress update, served only through a permission-checked view."""

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("progress update"),
        null=True,
        blank=True,
    )
    # A file of a period report (then `update` is empty); exactly one of the two is set.
    report = models.ForeignKey(
        "actionplans.PeriodReport",
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("period report"),
        null=True,
        blank=True,
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=500)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # Who added the file: the plan's history names them (empty for files added before it was recorded).
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("uploaded by"),
    )  # fmt: skip

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        constraints = [
            models.CheckConstraint(
                condition=Q(update__isnull=True, report__isnull=False) | Q(update__isnull=False, report__isnull=True),
                name="evidence_of_an_update_or_a_report",
            )
        ]
        permissions = [("export_evidence", _("Can export evidence file lists"))]

    def __str__(self):
        return self.original_name

    @property
    def plan(self):
        """The plan the file belongs to, through its progress update or its period report."""
        return self.update.plan if self.update_id else self.report.period.plan


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


# Reporting periods live in their own module; imported here so Django registers the models with the app.
from actionplans.models_reporting import (  # noqa: E402, F401
    Frequency,
    MissingValuesError,
    PeriodReport,
    PeriodState,
    PeriodTarget,
    ReassessmentInterval,
    ReportActionStatus,
    ReportingPeriod,
    ReportingSchedule,
    ReportValue,
    ReportWorkflowError,
    StaleReportError,
)
