"""The JSON answer behind an autocomplete picker (core.widgets.AutocompleteSelect), one copy for every list."""

from django.db.models import Q
from django.http import JsonResponse

LOOKUP_LIMIT = 20


def lookup_response(request, queryset, *, search_fields, label=str):
    """Up to 20 rows of ``queryset`` whose ``search_fields`` contain every word of ``?q=``, as
    ``{"results": [{"id", "text"}], "more": bool}``; the caller passes a queryset already scoped with for_user()."""
    words = request.GET.get("q", "").split()[:5]
    for word in words:
        condition = Q()
        for field in search_fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    rows = list(queryset[: LOOKUP_LIMIT + 1])
    results = [{"id": row.pk, "text": label(row)} for row in rows[:LOOKUP_LIMIT]]
    return JsonResponse({"results": results, "more": len(rows) > LOOKUP_LIMIT})
