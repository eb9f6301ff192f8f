"""The training picker (plans filter): a search box and a short select, never 3,000 options."""

from django.urls import reverse_lazy

from core.widgets import AutocompleteSelect


def training_picker(*, small=False):
    css = "form-select form-select-sm" if small else "form-select"
    return AutocompleteSelect(url=reverse_lazy("sessions_log:lookup"), attrs={"class": css})
