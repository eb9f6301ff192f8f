"""The key a back-office change list's rows are kept under (core.admin.rows_key), for templates/admin/change_list.html."""

from django import template

from core.admin import rows_key

register = template.Library()


@register.simple_tag(takes_context=True)
def change_list_rows_key(context, cl):
    return rows_key(cl, context.request)
