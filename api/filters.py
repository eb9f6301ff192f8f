"""The pages' filters for the API: year, status, organization, kind, region, updated since.

Plain FilterSets (not the pages' ListFilterSet): a value that is none of the choices answers 400 with the reason,
which a program can act on, instead of an empty list.
"""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from drf_spectacular.utils import extend_schema_field

from actionplans.models import Action, ActionPlan, Indicator, Measurement
from actionplans.models_reporting import ReportingPeriod
from actionplans.resources import plans_in_year
from organizations.models import HeadcountSnapshot, Level, Organization, OrganizationKind, Region
from sessions_log.models import TrainingSession


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2200})
class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1900, max_value=2200, **kwargs)


ID_RANGE = {"minimum": -(2**63), "maximum": 2**63 - 1}


@extend_schema_field({"type": "integer", "format": "int64", **ID_RANGE})
class IdFilter(django_filters.NumberFilter):
    """An id: a whole number that fits the database's integers (beyond them SQLite fails instead of matching none)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=ID_RANGE["minimum"], max_value=ID_RANGE["maximum"], **kwargs)


class SinceFilter(django_filters.IsoDateTimeFilter):
    """A moment given with any UTC offset, compared in UTC (PostgreSQL refuses offsets beyond 15:59 as given)."""

    def filter(self, qs, value):
        if value is not None and value.tzinfo is not None:
            try:
                value = value.astimezone(datetime.UTC)
            except OverflowError:  # within a day of the first or last moment Python can hold
                value = (datetime.datetime.min if value.year == 1 else datetime.datetime.max).replace(
                    tzinfo=datetime.UTC
                )
        return super().filter(qs, value)


class OrganizationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices)
    region = django_filters.ChoiceFilter(choices=Region.choices)
    is_active = django_filters.BooleanFilter()
    updated_since = SinceFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Organization
        fields = ["kind", "region", "is_active", "updated_since"]


class HeadcountFilter(django_filters.FilterSet):
    organization = IdFilter(field_name="organization_id")
    level = django_filters.ChoiceFilter(choices=Level.choices)
    year = YearFilter(field_name="as_of__year")
    kind = django_filters.ChoiceFilter(field_name="organization__kind", choices=OrganizationKind.choices)
    region = django_filters.ChoiceFilter(field_name="organization__region", choices=Region.choices)

    class Meta:
        model = HeadcountSnapshot
        fields = ["organization", "level", "year", "kind", "region"]


class TrainingFilter(django_filters.FilterSet):
    year = YearFilter(field_name="start_date__year")
    status = django_filters.ChoiceFilter(choices=TrainingSession.Status.choices)
    format = django_filters.ChoiceFilter(choices=TrainingSession.Format.choices)
    organization = IdFilter(method="filter_organization", label="Attending organization")
    updated_since = SinceFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = TrainingSession
        fields = ["year", "status", "format", "organization", "updated_since"]

    def filter_organization(self, queryset, name, value):
        return queryset.filter(pk__in=TrainingSession.objects.filter(attendances__organization_id=value).values("pk"))


class PlanScopedFilter(django_filters.FilterSet):
    """Filters shared by plans and the rows of plans; `plan_path` leads from the row to its plan."""

    plan_path = ""
    year = YearFilter(method="filter_year", label="Plans whose period overlaps the year")
    organization = IdFilter(method="filter_organization")
    kind = django_filters.ChoiceFilter(method="filter_kind", choices=OrganizationKind.choices)
    region = django_filters.ChoiceFilter(method="filter_region", choices=Region.choices)
    plan_status = django_filters.ChoiceFilter(method="filter_plan_status", choices=ActionPlan.Status.choices)

    def _path(self, name):
        return f"{self.plan_path}__{name}" if self.plan_path else name

    def filter_year(self, queryset, name, value):
        return plans_in_year(queryset, value, self.plan_path)

    def filter_organization(self, queryset, name, value):
        return queryset.filter(**{self._path("organization_id"): value})

    def filter_kind(self, queryset, name, value):
        return queryset.filter(**{self._path("organization__kind"): value})

    def filter_region(self, queryset, name, value):
        return queryset.filter(**{self._path("organization__region"): value})

    def filter_plan_status(self, queryset, name, value):
        return queryset.filter(**{self._path("status"): value})


class PlanFilter(PlanScopedFilter):
    status = django_filters.ChoiceFilter(choices=ActionPlan.Status.choices)
    updated_since = SinceFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = ActionPlan
        fields = ["year", "status", "organization", "kind", "region", "updated_since"]


class ActionFilter(PlanScopedFilter):
    plan_path = "objective__plan"
    plan = IdFilter(field_name="objective__plan_id")
    status = django_filters.ChoiceFilter(choices=Action.Status.choices)
    overdue = django_filters.BooleanFilter(method="filter_overdue")

    class Meta:
        model = Action
        fields = ["plan", "status", "overdue", "year", "organization", "kind", "region", "plan_status"]

    def filter_overdue(self, queryset, name, value):
        # EXISTS, not IN: PostgreSQL answers `NOT IN (subquery)` by hashing every overdue action before the page's
        # first row (58 ms at 10x, growing with the table); an anti-join looks up only the rows the page reads.
        overdue = Exists(Action.objects.overdue().filter(pk=OuterRef("pk")))
        return queryset.filter(overdue if value else ~overdue)


class IndicatorFilter(PlanScopedFilter):
    plan_path = "objective__plan"
    plan = IdFilter(field_name="objective__plan_id")
    kind = django_filters.ChoiceFilter(choices=Indicator.Kind.choices)
    organization_kind = django_filters.ChoiceFilter(method="filter_kind", choices=OrganizationKind.choices)

    class Meta:
        model = Indicator
        fields = ["plan", "kind", "year", "organization", "organization_kind", "region", "plan_status"]


class MeasurementFilter(PlanScopedFilter):
    plan_path = "indicator__objective__plan"
    indicator = IdFilter(field_name="indicator_id")
    plan = IdFilter(field_name="indicator__objective__plan_id")
    since = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    recorded_since = SinceFilter(field_name="created_at", lookup_expr="gte")

    class Meta:
        model = Measurement
        fields = ["indicator", "plan", "since", "recorded_since", "year", "organization", "kind", "region"]


class PeriodFilter(PlanScopedFilter):
    plan_path = "plan"
    plan = IdFilter(field_name="plan_id")

    class Meta:
        model = ReportingPeriod
        fields = ["plan", "year", "organization", "kind", "region", "plan_status"]

    def filter_year(self, queryset, name, value):
        """Periods that end in the year (as the indicator-periods report)."""
        return queryset.filter(end__year=value)
