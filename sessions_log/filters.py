import django_filters
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from core.filters import ListFilterSet
from core.widgets import small_select
from organizations.models import Organization
from organizations.widgets import organization_picker
from sessions_log.models import Attendance, TrainingSession


class TrainingSessionFilter(ListFilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Search"))
    year = django_filters.ChoiceFilter(
        field_name="start_date", lookup_expr="year", label=_("Year"), empty_label=_("All years"), widget=small_select()
    )
    format = django_filters.ChoiceFilter(
        choices=TrainingSession.Format.choices, label=_("Format"), empty_label=_("Any format"), widget=small_select()
    )
    status = django_filters.ChoiceFilter(
        choices=TrainingSession.Status.choices, label=_("Status"), empty_label=_("Any status"), widget=small_select()
    )
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(),
        label=_("Attending organization"),
        empty_label=_("Any organization"),
        method="filter_organization",
        widget=organization_picker(small=True),
    )

    class Meta:
        model = TrainingSession
        fields = ["q", "year", "format", "status", "organization"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organization"].queryset = Organization.objects.for_user(user).only("pk", "name")
        years = (
            TrainingSession.objects.for_user(user)
            .annotate(year=ExtractYear("start_date"))
            .values_list("year", flat=True)
            .order_by("-year")
            .distinct()
        )
        self.filters["year"].extra["choices"] = [(year, year) for year in years]

    def filter_organization(self, queryset, name, value):
        # A subquery rather than a join, so the per-row participant sums still cover every attendance row.
        return queryset.filter(pk__in=Attendance.objects.filter(organization=value).values("session_id"))
