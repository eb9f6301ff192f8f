from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.widgets import date_input
from organizations.models import HeadcountSnapshot, Level, Organization

COUNTS = (("women", _("Women")), ("men", _("Men")), ("not_stated", _("Not stated")))


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(label=capfirst(_("website")), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ["name", "short_name", "kind", "region", "contact_person", "email", "phone", "address", "website"]
        fields += ["language", "notes", "is_active"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].required = False
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-8"), Column("short_name", css_class="col-md-4")),
            Row(
                Column("kind", css_class="col-md-4"),
                Column("region", css_class="col-md-4"),
                Column("language", css_class="col-md-4"),
            ),
            Row(Column("contact_person", css_class="col-md-6"), Column("email", css_class="col-md-6")),
            Row(Column("phone", css_class="col-md-6"), Column("website", css_class="col-md-6")),
            "address",
            "notes",
            "is_active",
        )

    def clean_language(self):
        # Left empty (a form posted before the field existed): the model's default.
        return self.cleaned_data.get("language") or Organization._meta.get_field("language").default

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Organization.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("An organization with this name is already in the directory."))
        return name


class HeadcountSnapshotForm(forms.Form):
    """One date, and women / men / not stated for each level; a level left blank is not recorded."""

    as_of = forms.DateField(label=_("As of"), widget=date_input())
    source = forms.CharField(label=_("Source"), max_length=255, required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        for level, _label in Level.choices:
            for count, label in COUNTS:
                self.fields[f"{level}_{count}"] = forms.IntegerField(
                    label=label,
                    min_value=0,
                    required=False,
                    widget=forms.NumberInput(attrs={"min": 0, "class": "form-control form-control-sm"}),
                )

    def level_rows(self):
        """(level label, [bound fields]) for each level, for the page's table."""
        return [(label, [self[f"{level}_{count}"] for count, _l in COUNTS]) for level, label in Level.choices]

    def clean(self):
        cleaned = super().clean()
        self.levels = {}
        for level in Level.values:
            values = [cleaned.get(f"{level}_{count}") for count, _l in COUNTS]
            if any(value is not None for value in values):
                self.levels[level] = [value or 0 for value in values]
        if not self.levels and not self.errors:
            raise forms.ValidationError(_("Fill in the numbers of at least one level."))
        as_of = cleaned.get("as_of")
        if as_of and self.levels:
            taken = HeadcountSnapshot.objects.levels_taken(
                organization=self.organization, as_of=as_of, levels=self.levels
            )
            labels = dict(Level.choices)
            for level in taken:
                self.add_error(
                    f"{level}_women",
                    HeadcountSnapshot.LEVEL_TAKEN % {"level": labels[level]},
                )
            if taken:
                self.add_error("as_of", _("Some levels already have a snapshot on this date (see below)."))
        return cleaned
