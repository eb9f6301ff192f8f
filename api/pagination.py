from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    """Pages of 100 (up to 500 with page_size) in id order, stable while rows are added."""

    ordering = "pk"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
