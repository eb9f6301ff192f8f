"""The organization picker every form and filter uses: a search box and a short select, never 2,000 options."""

from django.urls import reverse_lazy

from core.widgets import AutocompleteSelect


def organization_picker(*, small=False, labels=None):
    css = "form-select form-select-sm" if small else "form-select"
    return AutocompleteSelect(url=reverse_lazy("organizations:lookup"), attrs={"class": css}, labels=labels)
