"""Export resources of the actionplans app, and the Action plan progress and Indicator progress reports."""

import datetime
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery
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
    ProgressUpdate,
    ReviewComment,
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


class ActionPlanProgressResource(BackOfficeResource):
    """Report: one row per action, with its plan and organization, and whether it is overdue today."""

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
    export_select_related = ("objective__plan__organization",)
    dehydrate_related = ()

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
        )
        export_order = fields

    def __init__(self, today=None, **kwargs):
        super().__init__(**kwargs)
        self.today = today or timezone.localdate()

    def dehydrate_overdue(self, action):
        return gettext("yes") if action.is_overdue(self.today) else gettext("no")

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


class IndicatorProgressResource(BackOfficeResource):
    """Report: one row per indicator: baseline, latest measurement, target, and how far along the way it is."""

    report_name = "indicator-progress"
    sheet_title = _("Indicator progress")
    plan_path = "objective__plan"
    organization_path = "objective__plan__organization"
    session_path = "objective__plan__source_session"

    organization = related("objective__plan__organization__name", _("Organization"))
    plan = related("objective__plan__title", _("Plan"))
    plan_status = related("objective__plan__status", _("Plan status"), ChoicesWidget(ActionPlan.Status.choices))
    unit = computed(_("Unit"))
    latest_value = computed(_("Latest measurement"))
    latest_date = computed(_("Latest measurement date"), IsoDateWidget())
    # xgettext:no-python-format
    progress = computed(_("% of the way from baseline to target"))
    export_select_related = ("objective__plan__organization",)
    dehydrate_related = ()

    class Meta:
        model = Indicator
        name = _("Report: indicator progress (one row per indicator)")
        fields = (
            "organization",
            "plan",
            "plan_status",
            "name",
            "unit",
            "baseline_value",
            "baseline_date",
            "latest_value",
            "latest_date",
            "target_value",
            "target_date",
            "progress",
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return with_latest_measurement(super().filter_export(queryset, **kwargs))

    def dehydrate_unit(self, indicator):
        if indicator.unit:
            return indicator.unit
        return "%" if indicator.kind == Indicator.Kind.SHARE_OF_WOMEN else ""

    def dehydrate_latest_value(self, indicator):
        # SQLite returns a subquery's decimal without its scale; show it like the baseline and target.
        return None if indicator.latest_value is None else Decimal(indicator.latest_value).quantize(Decimal("0.01"))

    def dehydrate_latest_date(self, indicator):
        return indicator.latest_date

    def dehydrate_progress(self, indicator):
        return indicator.progress_percent(indicator.latest_value)

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
