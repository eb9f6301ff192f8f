from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    """Pages of 100 (up to 500 with page_size) in id order, stable while rows are added."""

    ordering = "pk"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        # DRF would silently fall back to the default; a program that asked for something else should hear why.
        value = request.query_params.get(self.page_size_query_param)
        if value not in (None, "") and not (value.isdecimal() and 1 <= int(value) <= self.max_page_size):
            raise ValidationError({self.page_size_query_param: [_("Give a number from 1 to 500.")]})
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters
