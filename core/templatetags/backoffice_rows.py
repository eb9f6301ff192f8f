"""The keys parts of a back-office change list are kept under in the cache (core.admin), for
templates/admin/change_list.html and templates/admin/actions.html."""

from django import template
from django.utils.translation import get_language

from core.admin import filters_key, rows_key

register = template.Library()


@register.simple_tag(takes_context=True)
def change_list_rows_key(context, cl):
    return rows_key(cl, context.request)


@register.simple_tag(takes_context=True)
def change_list_filters_key(context, cl):
    return filters_key(cl, context.request)


@register.simple_tag
def action_form_key(action_form):
    """The actions menu is drawn from its choices (the actions this person may run, already worded) and the
    language: both are the key. The form is never bound when the list is shown (ModelAdmin.changelist_view)."""
    if action_form is None or action_form.is_bound:
        return None
    return repr((get_language(), [(str(name), str(label)) for name, label in action_form.fields["action"].choices]))
