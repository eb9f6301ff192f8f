"""The page frame's twice-shown parts (base.html): the header shows the language switcher and the bell once for a
narrow screen and once for a wide one, only one of each displayed. Each is drawn once per page and copied."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def copy_of(context, template_name, **values):
    """``template_name`` drawn once per page with a marker for each of ``values``, then each copy with its own.

    Like ``{% include template_name with name=value %}`` for values that only place the copy (a class, an id):
    the template must use them as they are, without filters or tests, since it sees the markers."""
    key = ("copy_of", template_name)
    drawn = context.render_context.get(key)
    if drawn is None:
        # Written unescaped, so no escaped text of the page (a "next" address, a name) can be taken for one.
        markers = {name: format_html("<copy-of {}>", name) for name in values}
        with context.push(**markers):
            drawn = context.template.engine.get_template(template_name).render(context)
        context.render_context[key] = drawn = (drawn, markers)
    html, markers = drawn
    for name, value in values.items():
        html = html.replace(markers[name], conditional_escape(value))
    return mark_safe(html)  # noqa: S308 (the template drawn as a template, each value escaped)
