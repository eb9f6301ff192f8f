"""A form renderer that writes the commonest widgets in Python, for pages with many rows of fields.

Django renders every widget through templates: an input is two (``input.html`` and ``attrs.html``), a select
two more per option. A training's page has some 600 widgets and spent over half its time there. This renderer
writes the same markup, character for character (tests/core/test_renderers.py compares it with Django's
templates), for text-like inputs, check boxes, text areas and selects, and hands every other template
(radio and checkbox lists, dates split in parts, forms, error lists) to the project's usual renderer.
Use it where a form has many rows: ``default_renderer = QUICK_WIDGETS`` on the form class.
"""

import html

from django.forms.renderers import BaseRenderer, get_default_renderer
from django.utils.functional import Promise

# Django's widgets whose template is only an include of input.html.
INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in (
        *("input", "text", "number", "email", "url", "password", "hidden", "date", "time", "datetime"),
        *("search", "tel", "color", "checkbox"),
    )
}


def conditional_escape(value):
    """django.utils.html.conditional_escape without its lazy-argument wrapper (a third of its time here)."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs(attrs):
    """``django/forms/widgets/attrs.html``: True gives the bare name, False leaves the attribute out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _input(widget):
    value = "" if widget["value"] is None else f' value="{conditional_escape(str(widget["value"]))}"'
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def _textarea(widget):
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _option(option):
    return (
        f'<option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>\n"
    )


class QuickWidgetRenderer(BaseRenderer):
    """Inputs, text areas and selects in Python; any other template through the project's renderer.

    Every value is escaped here; the widget marks the text safe (``Widget._render``), as it does a template's.
    """

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name in INPUT_TEMPLATES:
                return _input(widget)
            if template_name == "django/forms/widgets/textarea.html":
                return _textarea(widget)
            if template_name == "django/forms/widgets/select.html" and all(
                option["template_name"] == "django/forms/widgets/select_option.html"
                for _group, options, _index in widget["optgroups"]
                for option in options
            ):
                return self._select(widget)
        return get_default_renderer().render(template_name, context, request=request)

    def get_template(self, template_name):
        return get_default_renderer().get_template(template_name)

    @property
    def form_template_name(self):
        return get_default_renderer().form_template_name

    @property
    def formset_template_name(self):
        return get_default_renderer().formset_template_name

    @property
    def field_template_name(self):
        return get_default_renderer().field_template_name

    @staticmethod
    def _select(widget):
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(f"\n  {_option(option)}" for option in options)
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)


QUICK_WIDGETS = QuickWidgetRenderer()
