"""Pages of a list whose rows carry per-row figures (sums, counts over joins)."""

from django.core.paginator import Paginator


def annotated_page(queryset, *, number, per_page, annotate):
    """The page ``number`` of ``queryset``, counted and cut before ``annotate`` adds the per-row figures.

    The count and the offset run on the plain rows; the joins and GROUP BY of ``annotate`` (a function taking
    and returning a queryset) run for this page's rows only, in the same single query as the page itself
    (``pk IN (... LIMIT n OFFSET m)``), so a page costs the same however many rows lie outside it.
    """
    page = Paginator(queryset, per_page).get_page(number)
    start = (page.number - 1) * per_page
    page.object_list = annotate(queryset.filter(pk__in=queryset.values("pk")[start : start + per_page]))
    return page
