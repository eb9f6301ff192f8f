"""One form field as crispy-forms' Bootstrap 5 pack lays it out, written in Python for rows of formsets.

``{{ form.note|field_group }}`` gives the same markup as ``{{ form.note|as_crispy_field }}``: a wrapper
``div_<id>``, the label bound to the input (``requiredField`` and its asterisk when required), the widget with
its Bootstrap class, and when the field has errors ``is-invalid``, ``aria-invalid`` and ``aria-describedby``
pointing at the message beside it (``<id>_error``), then the help text (``<id>_helptext``, also described-by).
crispy's template takes six includes a field: a training's page of 30 rows spent most of its 0.3 s there.
tests/sessions_log/test_edit_page_weight.py compares the two on every row field of the training page.
Fields that need a fieldset (checkbox lists, radio buttons) are left to crispy or to the page's own markup.
"""

from django import forms, template
from django.utils.safestring import SafeString

from core.renderers import conditional_escape as escape

register = template.Library()

ASTERISK = '<span class="asteriskField">*</span>'


def _widget(field, base_class):
    """The widget with its Bootstrap class and, when the field has errors, is-invalid (Django adds the aria)."""
    css = field.field.widget.attrs.get("class", "")
    if base_class not in css.split():
        css = f"{css} {base_class}".strip()
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


def _errors_and_help(field, auto_id):
    html = ""
    if errors := field.errors:
        lines = "".join(
            f'<p id="error_{number}_{auto_id}"><strong>{escape(error)}</strong></p>'
            for number, error in enumerate(errors, start=1)
        )
        html = f'<div id="{auto_id}_error" class="invalid-feedback">{lines}</div>'
    if field.help_text:
        html += f'<div id="{auto_id}_helptext" class="form-text">{escape(field.help_text)}</div>'
    return html


@register.filter
def field_group(field):
    """The field's label, widget, errors and help text in crispy's Bootstrap 5 markup (see the module's doc)."""
    widget = field.field.widget
    if field.is_hidden:
        return field.as_widget()
    if widget.use_fieldset:
        raise TypeError(f"field_group does not lay out {type(widget).__name__}: it needs a fieldset.")
    auto_id = escape(field.auto_id)
    required = field.field.required
    required_class = " requiredField" if required else ""
    label = f"{escape(field.label)}{ASTERISK if required else ''}"
    if isinstance(widget, forms.CheckboxInput):
        return SafeString(
            f'<div class="mb-3"><div id="div_{auto_id}" class="form-check">{_widget(field, "form-check-input")}'
            f'<label for="{escape(field.id_for_label)}" class="form-check-label{required_class}">{label}</label>'
            f"{_errors_and_help(field, auto_id)}</div></div>"
        )
    if field.label:
        label = f'<label for="{escape(field.id_for_label)}" class="form-label{required_class}">{label}</label>'
    else:
        label = ""
    base_class = "form-select" if isinstance(widget, forms.Select) else "form-control"
    control = _widget(field, base_class)
    return SafeString(f'<div id="div_{auto_id}" class="mb-3">{label}{control}{_errors_and_help(field, auto_id)}</div>')
