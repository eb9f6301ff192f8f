from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import Delivery


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("E-mail me"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        help_text=_("Mails about your account (password reset, invitations) always go out."),
    )
