"""The pickers for trainings' long lists: a search box and a short select, never every option in every row."""

from django.urls import reverse_lazy

from core.widgets import AutocompleteSelect


def training_picker(*, small=False):
    """The training picker (plans filter): never 3,000 options."""
    css = "form-select form-select-sm" if small else "form-select"
    return AutocompleteSelect(url=reverse_lazy("sessions_log:lookup"), attrs={"class": css})


def topic_picker():
    """The question picker of a training's topic rows: the library grows, and every row would repeat it whole."""
    css = "form-select form-select-sm"
    return AutocompleteSelect(url=reverse_lazy("sessions_log:topic_lookup"), attrs={"class": css})
