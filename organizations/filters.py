import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import ListFilterSet
from core.widgets import small_select
from organizations.models import Organization, OrganizationKind, Region


class OrganizationFilter(ListFilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    kind = django_filters.ChoiceFilter(
        choices=OrganizationKind.choices, label=_("Kind"), empty_label=_("Any kind"), widget=small_select()
    )
    region = django_filters.ChoiceFilter(
        choices=Region.choices, label=_("Region"), empty_label=_("Any region"), widget=small_select()
    )
    is_active = django_filters.ChoiceFilter(
        choices=[("yes", _("Active")), ("no", _("Inactive"))],
        label=_("In the programme"),
        empty_label=_("Active and inactive"),
        method="filter_active",
        widget=small_select(),
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "region", "is_active"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "yes")
