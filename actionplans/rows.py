"""Formset rows of the plan editor rendered in Python, with the markup crispy's Bootstrap 5 field gives.

The editor shows every objective, action and indicator of a plan as a form; through crispy each field costs
several template includes, and each option of a select one more, so a plan of a few dozen rows took most of a
second to render. Here a row is a few string joins: the label bound to its input (``for``/``id``), Bootstrap's
classes, the errors beside the field (``<id>_error``) and the help text (``<id>_helptext``), both named by the
input's ``aria-describedby`` as Django sets it. Widgets other than Django's plain inputs, text areas, selects and
check boxes are rendered by the widget itself.
"""

from django import forms
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

# Django's own widget templates that these functions write out themselves (the same markup).
_INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "number", "date", "email", "url", "password", "hidden", "checkbox", "time")
}
_SELECT_OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs):
    """Attributes as Django's attrs.html writes them: ``True`` bare, ``False`` left out."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        elif value is not False:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _widget_css(widget, errors):
    """The classes crispy's ``crispy_field`` gives a widget: its own, its class name, Bootstrap's, ``is-invalid``."""
    kind = type(widget).__name__.lower()
    css = widget.attrs.get("class", "")
    if not css:
        css = kind
    elif kind not in css:
        css += f" {kind}"
    if isinstance(widget, forms.CheckboxInput):
        extra = "form-check-input"
    elif isinstance(widget, forms.Select):
        extra = "form-select"
    else:
        extra = "form-control"
    for name in (extra, "is-invalid") if errors else (extra,):
        if name not in css.split():
            css += f" {name}"
    return css


def widget_html(bound):
    """The field's input, as ``str(bound)`` would write it after crispy added its classes."""
    field = bound.field
    widget = field.widget
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    css = _widget_css(widget, bound.errors)
    template = widget.template_name
    plain_select = (
        template == "django/forms/widgets/select.html" and getattr(widget, "option_template_name", "") == _SELECT_OPTION
    )
    if template not in _INPUT_TEMPLATES and template != "django/forms/widgets/textarea.html" and not plain_select:
        return widget.render(bound.html_name, bound.value(), {**attrs, "class": css}, renderer=bound.form.renderer)
    original = widget.attrs
    widget.attrs = {**original, "class": css}
    try:
        context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    finally:
        widget.attrs = original
    name = conditional_escape(context["name"])
    own = _attrs(context["attrs"])
    if plain_select:
        options = []
        for group, choices, _index in context["optgroups"]:
            if group:
                options.append(f'<optgroup label="{conditional_escape(group)}">')
            for option in choices:
                options.append(
                    f'<option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>"
                )
            if group:
                options.append("</optgroup>")
        return mark_safe(f'<select name="{name}"{own}>{"".join(options)}</select>')  # noqa: S308 (escaped above)
    if template == "django/forms/widgets/textarea.html":
        value = conditional_escape(context["value"]) if context["value"] else ""
        return mark_safe(f'<textarea name="{name}"{own}>\n{value}</textarea>')  # noqa: S308 (escaped above)
    value = "" if context["value"] is None else f' value="{conditional_escape(str(context["value"]))}"'
    return mark_safe(f'<input type="{conditional_escape(context["type"])}" name="{name}"{value}{own}>')  # noqa: S308


def _label(bound, css):
    required = bound.field.required
    target = bound.id_for_label
    return format_html(
        '<label{} class="{}{}">{}{}</label>',
        format_html(' for="{}"', target) if target else "",
        css,
        " requiredField" if required else "",
        bound.label,
        mark_safe('<span class="asteriskField">*</span>') if required else "",
    )


def _help_and_errors(bound):
    errors = ""
    if bound.errors:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            bound.auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((number, bound.auto_id, error) for number, error in enumerate(bound.errors, start=1)),
            ),
        )
    help_text = ""
    if bound.help_text:
        help_text = format_html(
            '<div id="{}_helptext" class="form-text">{}</div>',
            bound.auto_id,
            mark_safe(bound.help_text),  # noqa: S308
        )
    return format_html("{}{}", errors, help_text)


def field_html(bound):
    """One field in its Bootstrap wrapper: label (or a check box's label after it), input, errors, help text."""
    if bound.is_hidden:
        return widget_html(bound)
    if isinstance(bound.field.widget, forms.CheckboxInput):
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check">{}{}{}</div></div>',
            bound.auto_id,
            widget_html(bound),
            _label(bound, "form-check-label"),
            _help_and_errors(bound),
        )
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}</div>',
        bound.auto_id,
        _label(bound, "form-label") if bound.label else "",
        widget_html(bound),
        _help_and_errors(bound),
    )


def rows_html(form):
    """The form's ``layout`` (rows of (field name, column classes)) as Bootstrap rows of columns."""
    return format_html_join(
        "\n",
        '<div class="row">{}</div>',
        (
            (format_html_join("", '<div class="{}">{}</div>', ((css, field_html(form[name])) for name, css in row)),)
            for row in form.layout
        ),
    )
