"""The one way a formset refuses rows that are not its parent's."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _


class ParentRowsFormSet(forms.BaseInlineFormSet):
    """An inline formset that refuses, as a form error on the whole formset, rows that are not its parent's.

    A posted row id of another parent, an unknown id, or a row count that does not match the rows sent
    all mean the page was tampered with or is out of date: nothing is saved and the person is asked to
    reload. (Django's own formset would quietly treat a foreign id as a new row.) The message says the
    same whether the id exists elsewhere or not, so it tells an outsider nothing.
    """

    tampered_message = _("This part of the page no longer matches what is saved. Reload the page and try again.")

    def clean(self):
        if not self.management_form.is_valid():
            return  # Django's own message says so; the rows cannot be matched without it
        if self.is_tampered():
            raise forms.ValidationError(self.tampered_message, code="tampered")
        super().clean()

    def is_tampered(self):
        """Rows that are not this parent's, or a row count that does not match the rows sent."""
        total = self.management_form.cleaned_data.get("TOTAL_FORMS", 0)
        sent = {int(m.group(1)) for key in self.data if (m := re.match(rf"{re.escape(self.prefix)}-(\d+)-", key))}
        if total < 0 or any(index >= total for index in sent):
            return True
        own = {row.pk for row in self.get_queryset()}
        for index, form in enumerate(self.forms):
            posted = getattr(form, "cleaned_data", {}).get("id")
            if index < self.initial_form_count() and form.instance.pk is None:
                return True  # an id that is not among this parent's rows
            if posted is not None and posted.pk not in own:
                return True
            if "id" in form.errors or self.fk.name in form.errors:
                return True
        return False
