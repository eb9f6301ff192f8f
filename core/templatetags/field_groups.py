"""One form field as crispy-forms' Bootstrap 5 pack lays it out, written in Python for rows of formsets.

``{{ form.note|field_group }}`` gives the same markup as ``{{ form.note|as_crispy_field }}``: a wrapper
``div_<id>``, the label bound to the input (``requiredField`` and its asterisk when required), the widget with
its Bootstrap class, and when the field has errors ``is-invalid``, ``aria-invalid`` and ``aria-describedby``
pointing at the message beside it (``<id>_error``), then the help text (``<id>_helptext``, also described-by).
crispy's template takes six includes a field: a training's page of 30 rows spent most of its 0.3 s there.
Fields that need a fieldset (checkbox lists, radio buttons) are left to crispy or to the page's own markup.
"""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

ASTERISK = SafeString('<span class="asteriskField">*</span>')


def _widget(field, base_class):
    """The widget with its Bootstrap class and, when the field has errors, is-invalid (Django adds the aria)."""
    css = field.field.widget.attrs.get("class", "")
    if base_class not in css.split():
        css = f"{css} {base_class}".strip()
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


def _errors_and_help(field):
    errors = field.errors
    html = ""
    if errors:
        lines = format_html_join(
            "",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((number, field.auto_id, error) for number, error in enumerate(errors, start=1)),
        )
        html = format_html('<div id="{}_error" class="invalid-feedback">{}</div>', field.auto_id, lines)
    if field.help_text:
        html = format_html('{}<div id="{}_helptext" class="form-text">{}</div>', html, field.auto_id, field.help_text)
    return html


@register.filter
def field_group(field):
    """The field's label, widget, errors and help text in crispy's Bootstrap 5 markup (see the module's doc)."""
    widget = field.field.widget
    if field.is_hidden:
        return field.as_widget()
    if widget.use_fieldset:
        raise TypeError(f"field_group does not lay out {type(widget).__name__}: it needs a fieldset.")
    required = field.field.required
    required_class = " requiredField" if required else ""
    asterisk = ASTERISK if required else ""
    if isinstance(widget, forms.CheckboxInput):
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check">{}'
            '<label for="{}" class="form-check-label{}">{}{}</label>{}</div></div>',
            field.auto_id,
            _widget(field, "form-check-input"),
            field.id_for_label,
            required_class,
            field.label,
            asterisk,
            _errors_and_help(field),
        )
    label = ""
    if field.label:
        label = format_html(
            '<label for="{}" class="form-label{}">{}{}</label>',
            field.id_for_label,
            required_class,
            field.label,
            asterisk,
        )
    base_class = "form-select" if isinstance(widget, forms.Select) else "form-control"
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}</div>',
        field.auto_id,
        label,
        _widget(field, base_class),
        _errors_and_help(field),
    )
