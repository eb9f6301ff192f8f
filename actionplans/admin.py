"""Back office for action plans. History-tracked models use SimpleHistoryAdmin (a "History" button)."""

import datetime

from django import forms
from django.contrib import admin
from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from actionplans.models import (
    Action,
    ActionPlan,
    Evidence,
    Indicator,
    Measurement,
    Objective,
    PeriodReport,
    ProgressUpdate,
    ReportingPeriod,
    ReportValue,
    ReviewComment,
)
from actionplans.resources import (
    ActionPlanProgressResource,
    ActionPlanResource,
    ActionResource,
    EvidenceResource,
    IndicatorProgressResource,
    IndicatorResource,
    MeasurementResource,
    ObjectiveResource,
    ProgressUpdateResource,
    ReviewCommentResource,
    plans_in_year,
)
from core.admin import COMPACT_TEXT, LongListMixin, choices_filter
from core.exports import BackOfficeExportMixin


class PlanYearFilter(admin.SimpleListFilter):
    """Plans whose period overlaps the chosen year (what "last year's plans" means to staff)."""

    title = _("year")
    parameter_name = "year"
    plan_path = ""
    reads = ("actionplans.ActionPlan",)  # the years offered (core.admin.models_read)

    def lookups(self, request, model_admin):
        span = ActionPlan.objects.aggregate(first=Min("period_start"), last=Max("period_end"))
        if not span["first"]:
            return []
        years = range(span["last"].year, span["first"].year - 1, -1)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdecimal() and datetime.MINYEAR <= int(self.value()) <= datetime.MAXYEAR:
            return plans_in_year(queryset, int(self.value()), self.plan_path)
        return queryset


class MeasurementYearFilter(admin.SimpleListFilter):
    """The year of a measurement. Replaces a date hierarchy, whose list of months read every row (500,000 at
    100x the demo); the first and last dates come from the index on the date."""

    title = _("year")
    parameter_name = "year"
    reads = ("actionplans.Measurement",)

    def lookups(self, request, model_admin):
        span = Measurement.objects.aggregate(first=Min("date"), last=Max("date"))
        if not span["first"]:
            return []
        return [(str(year), str(year)) for year in range(span["last"].year, span["first"].year - 1, -1)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdecimal() and datetime.MINYEAR <= int(self.value()) <= datetime.MAXYEAR:
            year = int(self.value())
            return queryset.filter(date__gte=datetime.date(year, 1, 1), date__lte=datetime.date(year, 12, 31))
        return queryset


class ObjectivePlanYearFilter(PlanYearFilter):
    plan_path = "objective__plan"


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"
    reads = ("actionplans.Action",)

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        if self.value() == "no":
            return queryset.exclude(pk__in=Action.objects.overdue().values("pk"))
        return queryset


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    fields = ("order", "title", "content_area")
    show_change_link = True


class ReviewCommentInline(admin.TabularInline):
    formfield_overrides = COMPACT_TEXT
    model = ReviewComment
    extra = 0
    fields = ("decision", "text", "author", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("author",)


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ("order", "title", "responsible", "start_date", "due_date", "status")
    show_change_link = True


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ("order", "name", "kind", "baseline_value", "baseline_date", "target_value", "target_date")
    show_change_link = True


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ("date", "value", "women", "total", "note")


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ("original_name", "content_type", "size", "uploaded_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # files are uploaded, checked and stored by the partner's progress form


class SameOrganizationForm(forms.ModelForm):
    """A row may move to another plan of its own organization, never to another organization's.

    A plan's history follows its rows: moving one across organizations would hand one organization's
    records to another. ``organization_path`` (set by ``organization_locked``) leads from the model to its
    organization; its first step is the field that would move the row.
    """

    organization_path = "organization"

    def clean(self):
        cleaned = super().clean()
        field, _sep, rest = self.organization_path.partition("__")
        chosen = cleaned.get(field)
        if self.instance.pk is None or chosen is None:
            return cleaned
        before = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        before = before.values_list(self.organization_path, flat=True).first()
        if rest:
            after = type(chosen)._default_manager.filter(pk=chosen.pk).values_list(rest, flat=True).first()
        else:
            after = chosen.pk
        if before != after:
            message = (
                _("This row cannot be moved to another organization's plan.")
                if rest
                else _("A plan cannot be moved to another organization.")
            )
            self.add_error(field, message)
        return cleaned


def organization_locked(path):
    """The admin form of a model whose organization is reached by `path` (see SameOrganizationForm)."""
    return type("SameOrganizationForm", (SameOrganizationForm,), {"organization_path": path})


class PlanVersionMixin:
    """Every back-office write to a plan or its content moves the plan's version, as the editor's saves do.

    Without it a partner's editor opened before the admin's change would silently write over it.
    """

    plan_lookup = "pk"  # from this admin's model to the plan's id

    def _plans_bump(self, queryset):
        plan_ids = queryset.values_list(self.plan_lookup, flat=True)
        ActionPlan.objects.filter(pk__in=list(plan_ids)).versions_bump()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._plans_bump(self.model.objects.filter(pk=form.instance.pk))

    def delete_model(self, request, obj):
        self._plans_bump(self.model.objects.filter(pk=obj.pk))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._plans_bump(queryset)
        super().delete_queryset(request, queryset)


@admin.register(ActionPlan)
class ActionPlanAdmin(LongListMixin, PlanVersionMixin, BackOfficeExportMixin, SimpleHistoryAdmin):
    form = organization_locked("organization")
    resource_classes = (ActionPlanResource,)
    inlines = (ObjectiveInline, ReviewCommentInline)
    list_display = ("title", "organization", "period_start", "period_end", "status", "version")
    list_filter = (
        PlanYearFilter,
        "status",
        choices_filter("organization__kind", _("organization kind")),
        choices_filter("organization__region", _("region")),
    )
    search_fields = ("title", "organization__name", "organization__short_name", "statement_of_intent")
    list_select_related = ("organization",)
    # No second COUNT(*) of the whole table for "(N total)": at 500,000 rows it costs more than the page.
    show_full_result_count = False
    autocomplete_fields = ("organization", "source_session")
    # The workflow (submit, approve, return, complete, archive) goes through the model's methods on the pages.
    readonly_fields = ("status", "approved_by", "approved_at", "version", "created_at", "updated_at")


@admin.register(Objective)
class ObjectiveAdmin(LongListMixin, PlanVersionMixin, BackOfficeExportMixin, SimpleHistoryAdmin):
    form = organization_locked("plan__organization")
    plan_lookup = "plan_id"
    resource_classes = (ObjectiveResource,)
    inlines = (ActionInline, IndicatorInline)
    list_display = ("title", "plan", "organization", "content_area", "order")
    list_filter = (
        "content_area",
        choices_filter("plan__status", _("plan status")),
        choices_filter("plan__organization__kind", _("organization kind")),
    )
    search_fields = ("title", "description", "plan__title", "plan__organization__name")
    list_select_related = ("plan__organization",)
    # No second COUNT(*) of the whole table for "(N total)": at 500,000 rows it costs more than the page.
    show_full_result_count = False
    autocomplete_fields = ("plan",)

    @admin.display(description=_("organization"), ordering="plan__organization__name")
    def organization(self, objective):
        return objective.plan.organization


@admin.register(Action)
class ActionAdmin(LongListMixin, PlanVersionMixin, BackOfficeExportMixin, SimpleHistoryAdmin):
    form = organization_locked("objective__plan__organization")
    plan_lookup = "objective__plan_id"
    # The second resource is the Action plan progress report: it follows the filters and search of the list.
    resource_classes = (ActionResource, ActionPlanProgressResource)
    list_display = ("title", "organization", "plan", "responsible", "due_date", "status", "overdue")
    list_filter = (
        ObjectivePlanYearFilter,
        "status",
        OverdueFilter,
        "objective__content_area",
        choices_filter("objective__plan__status", _("plan status")),
        choices_filter("objective__plan__organization__kind", _("organization kind")),
    )
    search_fields = (
        "title",
        "responsible",
        "objective__title",
        "objective__plan__title",
        "objective__plan__organization__name",
    )
    list_select_related = ("objective__plan__organization",)
    # No second COUNT(*) of the whole table for "(N total)": at 500,000 rows it costs more than the page.
    show_full_result_count = False
    autocomplete_fields = ("objective",)

    @admin.display(description=_("organization"), ordering="objective__plan__organization__name")
    def organization(self, action):
        return action.objective.plan.organization

    @admin.display(description=_("plan"), ordering="objective__plan__title")
    def plan(self, action):
        return action.objective.plan.title

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, action):
        return action.is_overdue()


@admin.register(Indicator)
class IndicatorAdmin(LongListMixin, PlanVersionMixin, BackOfficeExportMixin, SimpleHistoryAdmin):
    form = organization_locked("objective__plan__organization")
    plan_lookup = "objective__plan_id"
    # The second resource is the Indicator progress report: it follows the filters and search of the list.
    resource_classes = (IndicatorResource, IndicatorProgressResource)
    inlines = (MeasurementInline,)
    list_display = ("name", "organization", "kind", "baseline_value", "target_value", "target_date")
    list_filter = (
        ObjectivePlanYearFilter,
        "kind",
        "level",
        "objective__content_area",
        choices_filter("objective__plan__status", _("plan status")),
        choices_filter("objective__plan__organization__kind", _("organization kind")),
    )
    search_fields = ("name", "data_source", "objective__title", "objective__plan__organization__name")
    list_select_related = ("objective__plan__organization",)
    # No second COUNT(*) of the whole table for "(N total)": at 500,000 rows it costs more than the page.
    show_full_result_count = False
    autocomplete_fields = ("objective",)

    @admin.display(description=_("organization"), ordering="objective__plan__organization__name")
    def organization(self, indicator):
        return indicator.objective.plan.organization


@admin.register(Measurement)
class MeasurementAdmin(LongListMixin, BackOfficeExportMixin, SimpleHistoryAdmin):
    form = organization_locked("indicator__objective__plan__organization")
    resource_classes = (MeasurementResource,)
    list_display = ("indicator", "organization", "date", "value", "women", "total")
    list_filter = (
        MeasurementYearFilter,
        choices_filter("indicator__kind", _("indicator kind")),
        choices_filter("indicator__objective__plan__organization__kind", _("organization kind")),
    )
    search_fields = ("indicator__name", "note", "indicator__objective__plan__organization__name")
    list_select_related = ("indicator__objective__plan__organization",)
    # No second COUNT(*) of the whole table for "(N total)": at 500,000 rows it costs more than the page.
    show_full_result_count = False
    autocomplete_fields = ("indicator", "recorded_by")

    @admin.display(description=_("organization"), ordering="indicator__objective__plan__organization__name")
    def organization(self, measurement):
        return measurement.indicator.objective.plan.organization


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(BackOfficeExportMixin, admin.ModelAdmin):
    form = organization_locked("plan__organization")
    resource_classes = (ProgressUpdateResource,)
    inlines = (EvidenceInline,)
    list_display = ("plan", "organization", "date", "author")
    list_filter = (choices_filter("plan__organization__kind", _("organization kind")),)
    search_fields = ("narrative", "plan__title", "plan__organization__name")
    list_select_related = ("plan__organization", "author")
    autocomplete_fields = ("plan", "author")
    date_hierarchy = "date"

    @admin.display(description=_("organization"), ordering="plan__organization__name")
    def organization(self, update):
        return update.plan.organization


@admin.register(Evidence)
class EvidenceAdmin(BackOfficeExportMixin, admin.ModelAdmin):
    form = organization_locked("update__plan__organization")
    resource_classes = (EvidenceResource,)
    list_display = ("original_name", "organization", "content_type", "size", "uploaded_at")
    list_filter = ("content_type",)
    search_fields = ("original_name", "update__plan__title", "update__plan__organization__name")
    list_select_related = ("update__plan__organization", "report__period__plan__organization")
    autocomplete_fields = ("update",)

    @admin.display(description=_("organization"), ordering="update__plan__organization__name")
    def organization(self, evidence):
        return evidence.plan.organization


@admin.register(ReviewComment)
class ReviewCommentAdmin(BackOfficeExportMixin, admin.ModelAdmin):
    form = organization_locked("plan__organization")
    resource_classes = (ReviewCommentResource,)
    list_display = ("plan", "decision", "author", "created_at")
    list_filter = ("decision",)
    search_fields = ("text", "plan__title", "plan__organization__name")
    list_select_related = ("plan__organization", "author")
    autocomplete_fields = ("plan", "author")


class ReadOnlyAdminMixin:
    """Reports change only through their pages and services (version, lock, history); the back office reads."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReportValueInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReportValue
    fields = ("indicator", "value", "women", "men", "not_stated", "with_disability", "note")
    extra = 0


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("plan", "number", "start", "end", "due")
    list_filter = ("end",)
    search_fields = ("plan__title", "plan__organization__name")
    list_select_related = ("plan__organization",)


@admin.register(PeriodReport)
class PeriodReportAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("period", "organization", "status", "first_submitted_at", "reviewed_by", "reviewed_at")
    list_filter = ("status",)
    search_fields = ("period__plan__title", "period__plan__organization__name")
    list_select_related = ("period__plan__organization", "reviewed_by")
    inlines = [ReportValueInline]

    @admin.display(description=_("organization"), ordering="period__plan__organization__name")
    def organization(self, report):
        return report.period.plan.organization
