"""Small display helpers for plan pages; no queries here."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from actionplans.models import Action, ActionPlan, Indicator
from actionplans.rows import rows_html

register = template.Library()

PLAN_STATUS_CLASSES = {
    ActionPlan.Status.DRAFT: "text-bg-secondary",
    ActionPlan.Status.SUBMITTED: "text-bg-warning",
    ActionPlan.Status.RETURNED: "text-bg-danger",
    ActionPlan.Status.APPROVED: "text-bg-success",
    ActionPlan.Status.COMPLETED: "text-bg-primary",
    ActionPlan.Status.ARCHIVED: "text-bg-light border",
}
ACTION_STATUS_CLASSES = {
    Action.Status.PLANNED: "text-bg-light border",
    Action.Status.IN_PROGRESS: "text-bg-info",
    Action.Status.DONE: "text-bg-success",
    Action.Status.POSTPONED: "text-bg-warning",
    Action.Status.CANCELLED: "text-bg-secondary",
}


@register.filter
def plan_status_class(status):
    return PLAN_STATUS_CLASSES.get(status, "text-bg-secondary")


@register.filter
def action_status_class(status):
    return ACTION_STATUS_CLASSES.get(status, "text-bg-secondary")


@register.filter
def progress(indicator, value):
    """Percent of the way from baseline to target for `value` (see Indicator.progress_percent)."""
    return indicator.progress_percent(value)


@register.filter
def overdue_on(action, today):
    return action.is_overdue(today)


@register.filter
def person(user):
    """A user's full name, or their username; a dash when there is nobody (a deleted account)."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


@register.filter
def bar_width(percent):
    """A progress figure as a CSS width: 0 to 100, with a dot whatever the language (the figure may be beyond)."""
    return f"{max(0.0, min(100.0, float(percent))):.1f}".removesuffix(".0")


PERIOD_STATE_CLASSES = {
    "not_open": "text-bg-light border",
    "open": "text-bg-info",
    "due_soon": "text-bg-warning",
    "overdue": "text-bg-danger",
    "submitted": "text-bg-primary",
    "returned": "text-bg-danger",
    "accepted": "text-bg-success",
}


@register.filter
def period_state_class(state):
    """Badge colour of a reporting period's status."""
    return PERIOD_STATE_CLASSES.get(str(state), "text-bg-secondary")


@register.filter
def value_of(row, name):
    """A field of a reported value, empty when there is no value row."""
    return "" if row is None or getattr(row, name) is None else getattr(row, name)


@register.simple_tag
def editor_fields(form):
    """A row of the plan editor (an objective, an action, an indicator): its layout's fields, without crispy."""
    return rows_html(form)


@register.filter
def indicator_value(value, indicator):
    """A value of `indicator` as people read it: a share with "%", yes or no, a number with its unit; a dash when
    there is none. (_value.html is this filter, for pages that include it.)"""
    if value is None or value == "":
        return mark_safe('<span class="text-muted">—</span>')
    if indicator.kind == Indicator.Kind.SHARE_OF_WOMEN:
        return format_html("{}&nbsp;%", floatformat(value, "-1"))
    if indicator.kind == Indicator.Kind.YES_NO:
        return gettext("yes") if value else gettext("no")
    number = floatformat(value, "-2")
    return format_html("{} {}", number, indicator.unit) if indicator.unit else number
