import django_filters


class ListFilterSet(django_filters.FilterSet):
    """The filters of a list page: a value that is none of the choices shows no rows, never every row.

    django-filter drops an invalid value and filters by the others, so "organization=999" would list every
    training as if it matched; the filter bar shows the error beside the empty list instead.
    """

    @property
    def qs(self):
        if self.is_bound and not self.is_valid():
            return self.queryset.none()
        return super().qs
