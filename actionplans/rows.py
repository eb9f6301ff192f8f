"""Formset rows of the plan editor, laid out in Bootstrap rows of columns without crispy.

Each field is core's ``field_group`` (crispy's Bootstrap 5 markup written in Python: the label bound to its input,
the errors beside the field and named by its ``aria-describedby``, the help text) and the row forms render their
widgets with ``core.renderers.QUICK_WIDGETS``: a plan of a few dozen rows took most of a second through crispy's
and Django's templates.
"""

from django.utils.html import format_html_join

from core.templatetags.field_groups import field_group


def rows_html(form):
    """The form's ``layout`` (rows of (field name, column classes)) as Bootstrap rows of columns."""
    return format_html_join(
        "\n",
        '<div class="row">{}</div>',
        (
            (format_html_join("", '<div class="{}">{}</div>', ((css, field_group(form[name])) for name, css in row)),)
            for row in form.layout
        ),
    )
