"""Comparing the light field markup (core's ``field_group``) with what crispy-forms gives the same field."""

import re

from django.test.html import parse_html

# crispy adds its widget's class name to the input ("textinput"): nothing styles or reads it.
CRISPY_ONLY_CLASSES = {"textinput", "numberinput", "dateinput", "textarea", "checkboxinput", "select"}
CRISPY_ONLY_CLASSES.add("autocompleteselect")


def _without_crispy_classes(match):
    return 'class="{}"'.format(" ".join(name for name in match.group(1).split() if name not in CRISPY_ONLY_CLASSES))


def same_markup(ours, crispys):
    return parse_html(str(ours)) == parse_html(re.sub(r'class="([^"]*)"', _without_crispy_classes, str(crispys)))
