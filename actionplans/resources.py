"""Export resources of the actionplans app, and the Action plan progress and Indicator progress reports."""

import datetime
from decimal import Decimal

from django.db.models import Case, DecimalField, OuterRef, Q, Subquery, Sum, When
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actionplans.models import (
    Action,
    ActionPlan,
    ContentArea,
    Evidence,
    Indicator,
    Measurement,
    Objective,
    PeriodReport,
    ProgressUpdate,
    ReportActionStatus,
    ReportValue,
    ReviewComment,
    indicator_progress,
)
from core.exports import BackOfficeResource, ChoicesWidget, IsoDateWidget, computed, related
from organizations.models import OrganizationKind


def plans_in_year(queryset, year, path):
    """Rows whose plan's period overlaps the calendar year (``path`` leads from the row to the plan)."""
    prefix = f"{path}__" if path else ""
    return queryset.filter(
        Q(**{f"{prefix}period_start__lte": datetime.date(year, 12, 31)})
        & Q(**{f"{prefix}period_end__gte": datetime.date(year, 1, 1)})
    )


class ActionPlanResource(BackOfficeResource):
    organization = related("organization__name", _("Organization"))
    source_session = related("source_session__title", _("Source session"))
    approved_by = computed(_("Approved by"))
    export_select_related = ("organization", "source_session", "approved_by")
    dehydrate_related = ("approved_by",)

    class Meta:
        model = ActionPlan
        name = _("Action plans")
        fields = (
            "organization",
            "title",
            "period_start",
            "period_end",
            "status",
            "source_session",
            "statement_of_intent",
            "approved_by",
            "approved_at",
            "version",
            "created_at",
            "updated_at",
        )
        export_order = fields

    def dehydrate_approved_by(self, plan):
        user = plan.approved_by
        return (user.get_full_name() or user.get_username()) if user else ""


class ObjectiveResource(BackOfficeResource):
    organization = related("plan__organization__name", _("Organization"))
    plan = related("plan__title", _("Plan"))
    export_select_related = ("plan__organization",)
    dehydrate_related = ()

    class Meta:
        model = Objective
        name = _("Objectives")
        fields = ("organization", "plan", "order", "title", "content_area", "description")
        export_order = fields


class ActionResource(BackOfficeResource):
    organization = related("objective__plan__organization__name", _("Organization"))
    plan = related("objective__plan__title", _("Plan"))
    objective = related("objective__title", _("Objective"))
    export_select_related = ("objective__plan__organization",)
    dehydrate_related = ()

    class Meta:
        model = Action
        name = _("Actions")
        fields = (
            "organization",
            "plan",
            "objective",
            "order",
            "title",
            "description",
            "responsible",
            "start_date",
            "due_date",
            "status",
            "resources",
        )
        export_order = fields


def with_waiting_status(queryset):
    """Annotate each action with ``waiting_status``: its status in a period report submitted and not accepted yet.

    An action's own status moves only when a coordinator accepts a report (drafts never count), so the reports
    show the submitted one apart.
    """
    waiting = ReportActionStatus.objects.filter(
        action=OuterRef("pk"), report__status=PeriodReport.Status.SUBMITTED
    ).order_by("-report__period__start")
    return queryset.annotate(waiting_status=Subquery(waiting.values("status")[:1]))


class ActionPlanProgressResource(BackOfficeResource):
    """Report: one row per action, with its plan and organization, and whether it is overdue today.

    The status is the one last accepted (an accepted period report sets it); a status in a submitted report
    waiting for the coordinator is a column apart, and drafts never count.
    """

    report_name = "action-plan-progress"
    sheet_title = _("Action plan progress")
    plan_path = "objective__plan"
    organization_path = "objective__plan__organization"
    session_path = "objective__plan__source_session"

    organization = related("objective__plan__organization__name", _("Organization"))
    kind = related("objective__plan__organization__kind", _("Kind"), ChoicesWidget(OrganizationKind.choices))
    plan = related("objective__plan__title", _("Plan"))
    plan_status = related("objective__plan__status", _("Plan status"), ChoicesWidget(ActionPlan.Status.choices))
    content_area = related("objective__content_area", _("Content area"), ChoicesWidget(ContentArea.choices))
    objective = related("objective__title", _("Objective"))
    overdue = computed(_("Overdue"))
    waiting_status = computed(_("Status submitted, not accepted"))
    export_select_related = ("objective__plan__organization",)
    dehydrate_related = ()
    dehydrate_fields = ("due_date", "status")  # Action.overdue()

    class Meta:
        model = Action
        name = _("Report: action plan progress (one row per action)")
        fields = (
            "organization",
            "kind",
            "plan",
            "plan_status",
            "content_area",
            "objective",
            "title",
            "responsible",
            "start_date",
            "due_date",
            "status",
            "overdue",
            "waiting_status",
        )
        export_order = fields

    def __init__(self, today=None, **kwargs):
        super().__init__(**kwargs)
        self.today = today or timezone.localdate()
        # Translated once per export, in the language of whoever builds it, not once per row.
        self._yes_no = {True: gettext("yes"), False: gettext("no")}
        self._status_labels = {value: str(label) for value, label in Action.Status.choices}

    def filter_export(self, queryset, **kwargs):
        return with_waiting_status(super().filter_export(queryset, **kwargs))

    def dehydrate_overdue(self, action):
        return self._yes_no[Action.overdue(due_date=action.due_date, status=action.status, today=self.today)]

    def dehydrate_waiting_status(self, action):
        status = getattr(action, "waiting_status", None)
        return self._status_labels.get(status, "") if status else ""

    @staticmethod
    def in_year(queryset, year):
        """Actions of plans whose period overlaps the year."""
        return plans_in_year(queryset, year, "objective__plan")

    @staticmethod
    def report_queryset():
        return Action.objects.order_by(
            "objective__plan__organization__name", "objective__plan__title", "objective__order", "order", "pk"
        )


class IndicatorResource(BackOfficeResource):
    organization = related("objective__plan__organization__name", _("Organization"))
    plan = related("objective__plan__title", _("Plan"))
    objective = related("objective__title", _("Objective"))
    export_select_related = ("objective__plan__organization",)
    dehydrate_related = ()

    class Meta:
        model = Indicator
        name = _("Indicators")
        fields = (
            "organization",
            "plan",
            "objective",
            "order",
            "name",
            "kind",
            "level",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "data_source",
        )
        export_order = fields


def with_latest_measurement(queryset):
    """Annotate each indicator with its latest measurement's value and date (two subqueries, no per-row query)."""
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-date", "-pk")
    return queryset.annotate(
        latest_value=Subquery(latest.values("value")[:1]), latest_date=Subquery(latest.values("date")[:1])
    )


def with_accepted_values(queryset):
    """Annotate each indicator with what accepted period reports say, in subqueries (no per-row query).

    ``accepted_value``: the value to date from accepted reports only — the sum over periods for an indicator
    added up, else the latest accepted period's (Indicator.combine_periods() in SQL); ``accepted_until``: the
    end of the last accepted period with a value; ``submitted_value``: the value of a report submitted and not
    accepted yet (shown apart, never counted). Drafts never count.
    """
    accepted = ReportValue.objects.filter(
        indicator=OuterRef("pk"), report__status=PeriodReport.Status.ACCEPTED, value__isnull=False
    )
    latest = accepted.order_by("-report__period__start")
    total = accepted.order_by().values("indicator").annotate(total=Sum("value")).values("total")
    waiting = ReportValue.objects.filter(
        indicator=OuterRef("pk"), report__status=PeriodReport.Status.SUBMITTED, value__isnull=False
    ).order_by("-report__period__start")
    return queryset.annotate(
        accepted_value=Case(
            When(aggregation=Indicator.Aggregation.SUM, then=Subquery(total)),
            default=Subquery(latest.values("value")[:1]),
            output_field=DecimalField(max_digits=14, decimal_places=2),
        ),
        accepted_until=Subquery(latest.values("report__period__end")[:1]),
        submitted_value=Subquery(waiting.values("value")[:1]),
    )


def _decimal(value):
    # SQLite returns a subquery's decimal without its scale; show it like the baseline and target.
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


class IndicatorProgressResource(BackOfficeResource):
    """Report: one row per indicator: baseline, the value to date from accepted reports, target, and how far along
    the way it is. Only accepted period reports count; a submitted value is shown apart; drafts never count."""

    report_name = "indicator-progress"
    sheet_title = _("Indicator progress")
    plan_path = "objective__plan"
    organization_path = "objective__plan__organization"
    session_path = "objective__plan__source_session"

    organization = related("objective__plan__organization__name", _("Organization"))
    plan = related("objective__plan__title", _("Plan"))
    plan_status = related("objective__plan__status", _("Plan status"), ChoicesWidget(ActionPlan.Status.choices))
    unit = computed(_("Unit"))
    accepted_value = computed(_("Accepted value to date"))
    accepted_until = computed(_("Accepted up to"), IsoDateWidget())
    submitted_value = computed(_("Submitted, not accepted"))
    # xgettext:no-python-format
    progress = computed(_("% of the way from baseline to target"))
    export_select_related = ("objective__plan__organization",)
    dehydrate_related = ()
    dehydrate_fields = ("unit", "kind", "baseline_value", "target_value")  # the unit, indicator_progress()

    class Meta:
        model = Indicator
        name = _("Report: indicator progress (one row per indicator)")
        fields = (
            "organization",
            "plan",
            "plan_status",
            "name",
            "unit",
            "aggregation",
            "baseline_value",
            "baseline_date",
            "accepted_value",
            "accepted_until",
            "target_value",
            "target_date",
            "progress",
            "submitted_value",
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return with_accepted_values(super().filter_export(queryset, **kwargs))

    def dehydrate_unit(self, indicator):
        if indicator.unit:
            return indicator.unit
        return "%" if indicator.kind == Indicator.Kind.SHARE_OF_WOMEN else ""

    def dehydrate_accepted_value(self, indicator):
        return _decimal(indicator.accepted_value)

    def dehydrate_accepted_until(self, indicator):
        return indicator.accepted_until

    def dehydrate_submitted_value(self, indicator):
        return _decimal(indicator.submitted_value)

    def dehydrate_progress(self, indicator):
        return indicator_progress(
            baseline=indicator.baseline_value, value=indicator.accepted_value, target=indicator.target_value
        )

    @staticmethod
    def in_year(queryset, year):
        """Indicators of plans whose period overlaps the year."""
        return plans_in_year(queryset, year, "objective__plan")

    @staticmethod
    def report_queryset():
        return Indicator.objects.order_by(
            "objective__plan__organization__name", "objective__plan__title", "objective__order", "order", "pk"
        )


class MeasurementResource(BackOfficeResource):
    organization = related("indicator__objective__plan__organization__name", _("Organization"))
    plan = related("indicator__objective__plan__title", _("Plan"))
    indicator = related("indicator__name", _("Indicator"))
    export_select_related = ("indicator__objective__plan__organization",)
    dehydrate_related = ()

    class Meta:
        model = Measurement
        name = _("Measurements")
        fields = ("organization", "plan", "indicator", "date", "value", "women", "total", "note")
        export_order = fields


class ProgressUpdateResource(BackOfficeResource):
    organization = related("plan__organization__name", _("Organization"))
    plan = related("plan__title", _("Plan"))
    export_select_related = ("plan__organization",)
    dehydrate_related = ()

    class Meta:
        model = ProgressUpdate
        name = _("Progress updates")
        fields = ("organization", "plan", "date", "narrative")
        export_order = fields


class EvidenceResource(BackOfficeResource):
    organization = related("update__plan__organization__name", _("Organization"))
    plan = related("update__plan__title", _("Plan"))
    update_date = related("update__date", _("Progress update date"), IsoDateWidget())
    export_select_related = ("update__plan__organization",)
    dehydrate_related = ()

    class Meta:
        model = Evidence
        name = _("Evidence files")
        fields = ("organization", "plan", "update_date", "original_name", "content_type", "size", "uploaded_at")
        export_order = fields


class ReviewCommentResource(BackOfficeResource):
    organization = related("plan__organization__name", _("Organization"))
    plan = related("plan__title", _("Plan"))
    export_select_related = ("plan__organization",)
    dehydrate_related = ()

    class Meta:
        model = ReviewComment
        name = _("Review comments")
        fields = ("organization", "plan", "created_at", "decision", "text")
        export_order = fields
