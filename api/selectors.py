"""Figures the API's lists show beside each row, as subqueries in the row's own query.

A subquery in the select list is computed for the rows the page returns only (the cursor's LIMIT comes first), so a
page costs the same whatever the number of rows outside it; a JOIN with GROUP BY would aggregate before the LIMIT.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce


def _per_row(queryset, parent, aggregate):
    rows = queryset.filter(**{parent: OuterRef("pk")}).order_by().values(parent)
    return Coalesce(Subquery(rows.annotate(figure=aggregate).values("figure")[:1], output_field=IntegerField()), 0)


def count_of(queryset, parent):
    """How many rows of `queryset` belong to each outer row (`parent`: their foreign key to it); 0 for none."""
    return _per_row(queryset, parent, Count("*"))


def sum_of(queryset, parent, field):
    """The sum of `field` over the rows of `queryset` that belong to each outer row; 0 for none."""
    return _per_row(queryset, parent, Sum(field))
