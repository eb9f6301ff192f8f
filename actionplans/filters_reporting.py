"""The filters of the who-has-reported page (a plain form: its rows are built in Python, not a queryset)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actionplans.models import PeriodState
from core.widgets import small_select
from organizations.models import OrganizationKind, Region
from sessions_log.models import TrainingSession
from sessions_log.widgets import training_picker


def _any(choices):
    return [("", _("Any")), *choices]


class ReportingFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None, widget=small_select())
    session = forms.ModelChoiceField(
        label=_("Training"), queryset=TrainingSession.objects.none(), required=False, empty_label=_("Any"),
        widget=training_picker(small=True),
    )  # fmt: skip
    region = forms.ChoiceField(label=_("Region"), choices=_any(Region.choices), required=False, widget=small_select())
    kind = forms.ChoiceField(
        label=_("Kind of organization"), choices=_any(OrganizationKind.choices), required=False, widget=small_select()
    )
    state = forms.ChoiceField(
        label=_("Status"), choices=_any(PeriodState.choices), required=False, widget=small_select()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = _any([(y, str(y)) for y in range(this_year + 2, 2019, -1)])
        self.fields["session"].queryset = TrainingSession.objects.order_by("-start_date")
