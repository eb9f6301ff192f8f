import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LIFETIMES = [
    (30, _("30 days")),
    (90, _("90 days")),
    (180, _("180 days")),
    (365, _("One year")),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “Power BI” or “HR system”.")
    )
    lifetime = forms.TypedChoiceField(label=_("Expires after"), choices=LIFETIMES, coerce=int, initial=90)
    read_only = forms.BooleanField(
        label=_("Read-only"), required=False, help_text=_("The token can read but never change anything.")
    )

    def expires_at(self):
        return timezone.now() + datetime.timedelta(days=self.cleaned_data["lifetime"])
