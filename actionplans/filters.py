import django_filters
from django.utils.translation import gettext_lazy as _

from actionplans.models import ActionPlan
from core.filters import ListFilterSet
from core.roles import is_coordinator
from organizations.models import Organization, OrganizationKind
from organizations.widgets import organization_picker
from sessions_log.models import TrainingSession
from sessions_log.widgets import training_picker


def _organizations(request):
    return Organization.objects.for_user(request.user) if request else Organization.objects.none()


def _sessions(request):
    return TrainingSession.objects.for_user(request.user) if request else TrainingSession.objects.none()


class PlanFilter(ListFilterSet):
    """The plans list's filters; the choices offered come from what the user may see."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionPlan.Status.choices, empty_label=_("Any"))
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"), queryset=_organizations, empty_label=_("Any"), widget=organization_picker()
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of organization"),
        field_name="organization__kind",
        choices=OrganizationKind.choices,
        empty_label=_("Any"),
    )
    source_session = django_filters.ModelChoiceFilter(
        label=_("Training"), queryset=_sessions, empty_label=_("Any"), widget=training_picker()
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue actions"),
        method="filter_overdue",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = ActionPlan
        fields = ["status", "organization", "kind", "source_session", "overdue"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and not is_coordinator(request.user):
            # A partner sees their own plans: filtering by organization, kind or training says nothing to them.
            for name in ("organization", "kind", "source_session"):
                del self.filters[name]
        self.form.fields["overdue"].widget.choices = [
            ("", _("Any")),
            ("true", _("With overdue actions")),
            ("false", _("Nothing overdue")),
        ]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = ActionPlan.objects.with_overdue_actions().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)
