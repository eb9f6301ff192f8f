"""Form widgets every app's pages use, defined once."""

from django import forms


def date_input():
    """A native date picker; the value in ISO form, as the browser's picker requires."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def small_select():
    """A compact select for filter bars."""
    return forms.Select(attrs={"class": "form-select form-select-sm"})
