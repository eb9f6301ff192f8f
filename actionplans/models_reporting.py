"""Reporting after approval: a plan's schedule, its periods, one report per period and the values in it.

ReportingSchedule (one per plan) -> ReportingPeriod (start, end, due) -> PeriodReport (draft -> submitted ->
returned / accepted; accepted locks) -> ReportValue per indicator (with its parts) and ReportActionStatus per
action. Due soon, overdue and on time are computed from today's date, never stored.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actionplans.models import Action, ActionPlan, Indicator, PlanScopedQuerySet
from actionplans.periods import DEFAULT_DUE_DAYS, periods_layout
from core.figures import share_of_women
from core.history import HistoricalRecords

DUE_SOON_DAYS = 7


class ReportWorkflowError(Exception):
    """A report step asked in a status that does not allow it (a locked period, a missing comment...)."""


class StaleReportError(Exception):
    """The report changed since the page was opened: the save is refused so nobody's work is lost."""

    message = _("Someone else changed this report while you were editing it. Nothing of your save was written.")


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")
    CUSTOM = "custom", _("Custom dates")


class ReassessmentInterval(models.IntegerChoices):
    YEARLY = 1, _("Every year")
    TWO_YEARS = 2, _("Every two years")
    THREE_YEARS = 3, _("Every three years")


class ReportingSchedule(models.Model):
    """How often a plan reports; its periods are laid out from it by schedule_apply()."""

    plan = models.OneToOneField(
        ActionPlan, on_delete=models.CASCADE, related_name="reporting_schedule", verbose_name=_("plan")
    )
    frequency = models.CharField(
        _("reporting frequency"), max_length=12, choices=Frequency.choices, default=Frequency.HALF_YEARLY
    )
    due_days = models.PositiveSmallIntegerField(_("days to report after a period ends"), default=DEFAULT_DUE_DAYS)
    # ISO dates on which custom periods end (the last period always ends with the plan).
    custom_ends = models.JSONField(_("custom period end dates"), default=list, blank=True)
    # How often the organization assesses itself again (assessments.reassessment reads it): on every such
    # anniversary of the plan's start. Whole years, since an organization has one self-assessment a year.
    reassessment_years = models.PositiveSmallIntegerField(
        _("self-assessment again"), choices=ReassessmentInterval.choices, default=ReassessmentInterval.YEARLY
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlanScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting schedule")
        verbose_name_plural = _("reporting schedules")

    def __str__(self):
        return f"{self.plan} · {self.get_frequency_display()}"

    @property
    def custom_end_dates(self):
        return [datetime.date.fromisoformat(day) for day in self.custom_ends]

    def layout(self):
        """[(start, end, due)] for the plan's whole period."""
        return periods_layout(
            start=self.plan.period_start,
            end=self.plan.period_end,
            frequency=self.frequency,
            due_days=self.due_days,
            custom_ends=self.custom_end_dates,
        )


class PeriodState(models.TextChoices):
    """What a period's cell says: computed from its report and today's date."""

    NOT_OPEN = "not_open", _("Not yet open")
    OPEN = "open", _("Open")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Sent back")
    ACCEPTED = "accepted", _("Accepted")


class ReportingPeriodQuerySet(PlanScopedQuerySet):
    def with_report(self):
        """Periods with their report (if any) in the same query."""
        return self.select_related("report")


class ReportingPeriod(models.Model):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="reporting_periods", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    due = models.DateField(_("due date"))

    objects = ReportingPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "start"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="period_number_unique_per_plan"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="period_end_not_before_start"),
            models.CheckConstraint(condition=Q(due__gte=F("end")), name="period_due_not_before_end"),
        ]
        # Who has reported filters by the year of the end; the dashboard and "What needs me" by the due date.
        indexes = [
            models.Index(fields=["end"], name="period_end"),
            models.Index(fields=["due"], name="period_due"),
        ]

    def __str__(self):
        return gettext("Period %(n)d: %(start)s to %(end)s") % {
            "n": self.number,
            "start": date_format(self.start, "SHORT_DATE_FORMAT"),
            "end": date_format(self.end, "SHORT_DATE_FORMAT"),
        }

    def get_absolute_url(self):
        return reverse("actionplans:report", args=[self.plan_id, self.number])

    @property
    def existing_report(self):
        """The period's report, or None (no query when it was selected with the period)."""
        try:
            return self.report
        except PeriodReport.DoesNotExist:
            return None

    def state(self, today=None):
        """The period's status for the pages, computed from its report and today's date."""
        report = self.existing_report
        if report is not None and report.status != PeriodReport.Status.DRAFT:
            return PeriodState(report.status)
        today = today or timezone.localdate()
        if today < self.start:
            return PeriodState.NOT_OPEN
        if today > self.due:
            return PeriodState.OVERDUE
        if (self.due - today).days <= DUE_SOON_DAYS:
            return PeriodState.DUE_SOON
        return PeriodState.OPEN

    def was_on_time(self):
        """True when first submitted by the due date, False when submitted late; None when not submitted yet."""
        report = self.existing_report
        if report is None or report.first_submitted_at is None:
            return None
        return timezone.localdate(report.first_submitted_at) <= self.due


class PeriodReportQuerySet(PlanScopedQuerySet):
    plan_path = "period__plan"

    def accepted(self):
        """Reports a coordinator accepted: the only ones the dashboard and the reports count."""
        return self.filter(status=PeriodReport.Status.ACCEPTED)


class PeriodReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Sent back")
        ACCEPTED = "accepted", _("Accepted")

    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    period = models.OneToOneField(
        ReportingPeriod, on_delete=models.PROTECT, related_name="report", verbose_name=_("reporting period")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    achieved = models.TextField(_("what was achieved"), blank=True)
    obstacles = models.TextField(_("what got in the way"), blank=True)
    next_steps = models.TextField(_("what comes next"), blank=True)
    # The coordinator's last comment when sending the report back; shown at the top of the report.
    review_comment = models.TextField(_("coordinator's comment"), blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("submitted by"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )  # fmt: skip
    # Moved by every write; a save carrying an older number is refused (two people editing at once).
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PeriodReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")
        permissions = [("review_periodreport", _("Can accept or send back period reports"))]
        # Reports waiting for review ("What needs me", the reports page's counts) are found by their status.
        indexes = [models.Index(fields=["status"], name="report_status")]

    def __str__(self):
        return f"{self.period.plan} · {self.period}"

    def get_absolute_url(self):
        return self.period.get_absolute_url()

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    def locked_message(self):
        """Why the report cannot be changed now, naming who accepted it and when."""
        if self.status == self.Status.ACCEPTED:
            who = self.reviewed_by.get_full_name() or self.reviewed_by.get_username() if self.reviewed_by else "—"
            return gettext("This period is locked: %(who)s accepted its report on %(when)s.") % {
                "who": who,
                "when": date_format(timezone.localtime(self.reviewed_at), "DATETIME_FORMAT")
                if self.reviewed_at
                else "—",
            }
        return gettext("This report was submitted and waits for the coordinator; it cannot be changed now.")

    def _move(self, *, allowed, to, by, reason="", **fields):
        """Change status under a row lock, move the version and record who did it (and why) in the history."""
        with transaction.atomic():
            current = PeriodReport.objects.select_for_update().get(pk=self.pk)
            if current.status not in allowed:
                if current.status in (self.Status.ACCEPTED, self.Status.SUBMITTED) and to == self.Status.SUBMITTED:
                    raise ReportWorkflowError(current.locked_message())
                raise ReportWorkflowError(
                    gettext("This report is %(status)s; that step is not possible now.")
                    % {"status": current.get_status_display().lower()}
                )
            current.status = to
            current.version += 1
            for name, value in fields.items():
                setattr(current, name, value)
            current._history_user = by
            if reason:
                current._change_reason = reason[:100]
            current.save()
        self.refresh_from_db()
        return self

    def missing_values(self):
        """The plan's indicators without a value in this report: [(indicator, anchor)]."""
        given = {v.indicator_id for v in self.values.all() if v.value is not None}
        indicators = Indicator.objects.filter(objective__plan_id=self.period.plan_id).order_by(
            "objective__order", "objective_id", "order", "pk"
        )
        return [i for i in indicators if i.pk not in given]

    def submit(self, *, by):
        """Send the report to the coordinators; every indicator must have a value for the period."""
        missing = self.missing_values()
        if missing:
            raise MissingValuesError(missing)
        now = timezone.now()
        return self._move(
            allowed=self.EDITABLE_STATUSES,
            to=self.Status.SUBMITTED,
            by=by,
            submitted_at=now,
            submitted_by=by,
            first_submitted_at=self.first_submitted_at or now,
        )

    def accept(self, *, by):
        """Accept a submitted report: its values count from now on, its period is locked, action statuses apply."""
        with transaction.atomic():
            self._move(
                allowed=[self.Status.SUBMITTED], to=self.Status.ACCEPTED, by=by, reviewed_at=timezone.now(),
                reviewed_by=by, review_comment="",
            )  # fmt: skip
            for row in self.action_statuses.select_related("action"):
                if row.action.status != row.status:
                    row.action.status = row.status
                    row.action._history_user = by
                    row.action.save(update_fields=["status"])
        return self

    def send_back(self, *, by, comment):
        """Return a submitted report to the partner with what should change (shown at the top of the report)."""
        if not (comment or "").strip():
            raise ReportWorkflowError(gettext("Say what should change when sending a report back."))
        return self._move(
            allowed=[self.Status.SUBMITTED], to=self.Status.RETURNED, by=by, reviewed_at=timezone.now(),
            reviewed_by=by, review_comment=comment.strip(), reason=comment.strip(),
        )  # fmt: skip

    def reopen(self, *, by, reason):
        """Unlock an accepted report so the partner can correct it; the reason stays in the history."""
        if not (reason or "").strip():
            raise ReportWorkflowError(gettext("Say why the report is reopened."))
        return self._move(
            allowed=[self.Status.ACCEPTED], to=self.Status.RETURNED, by=by, reviewed_at=timezone.now(),
            reviewed_by=by, review_comment=reason.strip(), reason=reason.strip(),
        )  # fmt: skip

    def claim_version(self, expected):
        """Move the version if it is still `expected` and the report still editable; else StaleReportError.

        The check is in the UPDATE itself, so two saves racing cannot both pass it. Call inside a transaction.
        """
        claimed = PeriodReport.objects.filter(pk=self.pk, version=expected, status__in=self.EDITABLE_STATUSES).update(
            version=F("version") + 1
        )
        if not claimed:
            raise StaleReportError(StaleReportError.message)
        self.version = expected + 1


class MissingValuesError(ReportWorkflowError):
    """Submitting a report with indicators that have no value: carries them, so the page can link to each."""

    def __init__(self, indicators):
        self.indicators = indicators
        super().__init__(
            gettext("Give a value for every indicator before submitting: %(names)s.")
            % {"names": ", ".join(f"“{i.name}”" for i in indicators)}
        )


class ReportValueQuerySet(PlanScopedQuerySet):
    plan_path = "report__period__plan"

    def accepted(self):
        """Values of accepted reports only: drafts and submitted reports never count."""
        return self.filter(report__status=PeriodReport.Status.ACCEPTED)


class ReportValue(models.Model):
    """An indicator's value for one period, with its parts when the indicator counts people.

    For a share of women the value is 100 * women / (women + men + not stated), computed by clean().
    """

    report = models.ForeignKey(PeriodReport, on_delete=models.CASCADE, related_name="values", verbose_name=_("report"))
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="report_values", verbose_name=_("indicator")
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    not_stated = models.PositiveIntegerField(_("not stated"), null=True, blank=True)
    age_under_30 = models.PositiveIntegerField(_("under 30"), null=True, blank=True)
    age_30_54 = models.PositiveIntegerField(_("30 to 54"), null=True, blank=True)
    age_55_over = models.PositiveIntegerField(_("55 and over"), null=True, blank=True)
    with_disability = models.PositiveIntegerField(
        _("with a disability"),
        null=True,
        blank=True,
        help_text=_("People who have a lot of difficulty or cannot do at all one of the Washington Group activities."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = ReportValueQuerySet.as_manager()
    history = HistoricalRecords()

    SEX_PARTS = ("women", "men", "not_stated")
    AGE_PARTS = ("age_under_30", "age_30_54", "age_55_over")
    ENTRY_FIELDS = ("value", *SEX_PARTS, *AGE_PARTS, "with_disability", "note")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator_and_report"),
            models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__gte=0), name="report_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value}"

    @property
    def people_total(self):
        """Everyone counted: the value for a count, the sum of the parts for a share."""
        if self.indicator.is_share:
            parts = [getattr(self, name) for name in self.SEX_PARTS]
            return sum(p or 0 for p in parts) if any(p is not None for p in parts) else None
        return self.value

    def clean(self):
        """The rules of a value, beside the field they concern: no negatives, parts that add up, women ≤ total."""
        errors = {}
        indicator = self.indicator
        for name in (*self.SEX_PARTS, *self.AGE_PARTS, "with_disability"):
            if getattr(self, name) is not None and getattr(self, name) < 0:
                errors[name] = gettext("A count cannot be negative.")
        if self.value is not None and self.value < 0:
            errors["value"] = gettext("A value cannot be negative.")
        if errors:
            raise ValidationError(errors)
        if indicator.is_share:
            if self.women is None and self.men is None and self.not_stated is None:
                self.value = None
            else:
                total = self.people_total
                if total == 0:
                    errors["men"] = gettext("Count at least one person.")
                else:
                    self.value = Decimal(str(share_of_women(self.women or 0, total)))
        elif indicator.kind == Indicator.Kind.YES_NO and self.value not in (None, 0, 1):
            errors["value"] = gettext("A yes/no indicator takes 1 for yes or 0 for no.")
        if not errors and self.counts_people:
            errors.update(self._parts_errors())
        if errors:
            raise ValidationError(errors)

    @property
    def counts_people(self):
        return self.indicator.is_share or self.indicator.counts_people

    def _parts_errors(self):
        total = self.people_total
        errors = {}
        if total is None:
            if any(getattr(self, n) is not None for n in (*self.SEX_PARTS, *self.AGE_PARTS, "with_disability")):
                errors["value"] = gettext("Give the total the parts belong to.")
            return errors
        if self.women is not None and self.women > total:
            errors["women"] = gettext("There cannot be more women than people in total.")
        # Where any part is given, the parts (an empty one counting as 0) must add up to the total.
        for names, field in ((self.SEX_PARTS, "not_stated"), (self.AGE_PARTS, "age_55_over")):
            given = [getattr(self, n) for n in names if getattr(self, n) is not None]
            if not given or "women" in errors or sum(given) == total:
                continue
            errors[field] = gettext("The parts add up to %(sum)s, but the total is %(total)s.") % {
                "sum": sum(given),
                "total": _number(total),
            }
        if self.with_disability is not None and self.with_disability > total:
            errors["with_disability"] = gettext("There cannot be more people with a disability than in total.")
        return errors


def _number(value):
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class ReportActionStatus(models.Model):
    """An action's status as the partner reports it for the period; it becomes the action's status on acceptance."""

    report = models.ForeignKey(
        PeriodReport, on_delete=models.CASCADE, related_name="action_statuses", verbose_name=_("report")
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="report_statuses", verbose_name=_("action")
    )
    status = models.CharField(_("status"), max_length=12, choices=Action.Status.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("reported action status")
        verbose_name_plural = _("reported action statuses")
        constraints = [
            models.UniqueConstraint(fields=["report", "action"], name="one_status_per_action_and_report"),
        ]

    def __str__(self):
        return f"{self.action}: {self.get_status_display()}"


class PeriodTargetQuerySet(PlanScopedQuerySet):
    plan_path = "period__plan"


class PeriodTarget(models.Model):
    """An indicator's target for one period, besides its final target."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="period_targets", verbose_name=_("indicator")
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="targets", verbose_name=_("reporting period")
    )
    value = models.DecimalField(_("target for the period"), max_digits=12, decimal_places=2)

    objects = PeriodTargetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("period target")
        verbose_name_plural = _("period targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_target_per_indicator_and_period"),
            models.CheckConstraint(condition=Q(value__gte=0), name="period_target_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator} · {self.period}: {self.value}"
