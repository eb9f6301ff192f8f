"""The session page: the session form and its inline formsets, plus the topic library form.

Every row form is validated on its own; the formsets check what needs several rows at once (the same
organization or topic twice) and put the error beside the field that caused it.
"""

import re
import uuid

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.formsets import ParentRowsFormSet
from core.renderers import QUICK_WIDGETS
from core.widgets import date_input
from organizations.models import Organization, OrganizationKind
from organizations.widgets import organization_picker
from sessions_log.models import (
    Attendance,
    Barrier,
    DiscussionTopic,
    Facilitator,
    Finding,
    SessionTopic,
    Story,
    TrainingSession,
    normalize_question,
)
from sessions_log.widgets import topic_picker


class TrainingSessionForm(forms.ModelForm):
    """The training's own fields; session_form.html lays them out in rows with core's field_group filter."""

    default_renderer = QUICK_WIDGETS
    # The one-time token of this page (see TrainingSession.submission_token).
    form_token = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = TrainingSession
        fields = ["title", "start_date", "end_date", "format", "status", "venue", "language", "host_organization"]
        fields += ["summary"]
        widgets = {
            "start_date": date_input(),
            "end_date": date_input(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "host_organization": organization_picker(),
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_token"].initial = uuid.uuid4()
        self.fields["host_organization"].queryset = organizations
        self.fields["host_organization"].empty_label = _("— none —")


class RowForm(forms.ModelForm):
    """A row of an inline formset, laid out by the page's own template (labels small, fields compact).

    The page has some 600 widgets: they are written in Python (core.renderers), the same markup as Django's.
    """

    default_renderer = QUICK_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField):
                # Short messages: they sit under a narrow number box.
                field.error_messages.update(min_value=_("Cannot be negative."), invalid=_("A whole number."))
            widget = field.widget
            if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            elif isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.HiddenInput):
                continue
            else:
                widget.attrs.setdefault("class", "form-control form-control-sm")

    def _post_clean(self):
        super()._post_clean()
        # The model's clean() repeats some of the fields' own checks (consent): show each message once.
        for errors in self._errors.values():
            seen, unique = set(), []
            for error in errors.as_data():
                if tuple(error.messages) not in seen:
                    seen.add(tuple(error.messages))
                    unique.append(error)
            errors.data[:] = unique


class FacilitatorForm(RowForm):
    class Meta:
        model = Facilitator
        fields = ["name", "affiliation"]


class AttendanceForm(RowForm):
    new_organization_name = forms.CharField(label=capfirst(_("or a new organization")), max_length=255, required=False)
    new_organization_kind = forms.ChoiceField(
        label=capfirst(_("its kind")),
        choices=[("", _("— kind —")), *OrganizationKind.choices],
        required=False,
    )

    class Meta:
        model = Attendance
        fields = ["organization", "women", "men", "not_stated", "note"]
        widgets = {f: forms.NumberInput(attrs={"min": 0}) for f in ("women", "men", "not_stated")}
        widgets["organization"] = organization_picker(small=True)

    def __init__(self, *args, organizations=None, organization_labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.required = False
        if organizations is not None:
            field.queryset = organizations
            # The formset looks up the chosen organizations' names once for every row.
            field.widget.labels = organization_labels
        field.empty_label = _("— pick —")

    def clean(self):
        cleaned = super().clean()
        organization = cleaned.get("organization")
        name = (cleaned.get("new_organization_name") or "").strip()
        kind = cleaned.get("new_organization_kind")
        if organization and name:
            self.add_error("new_organization_name", _("Pick an organization or type a new one, not both."))
        elif not organization and not name:
            if not self.has_error("organization"):
                self.add_error("organization", _("Pick the organization, or type the name of a new one."))
        elif name:
            if not kind:
                self.add_error("new_organization_kind", _("Say what kind of organization it is."))
            if Organization.objects.filter(name__iexact=name).exists():
                self.add_error(
                    "new_organization_name",
                    _("“%(name)s” is already in the directory: pick it from the list.") % {"name": name},
                )
            cleaned["new_organization_name"] = name
        return cleaned


class SessionTopicForm(RowForm):
    new_question = forms.CharField(label=capfirst(_("or a new question")), max_length=500, required=False)
    new_theme = forms.CharField(label=capfirst(_("its theme")), max_length=100, required=False)

    class Meta:
        model = SessionTopic
        fields = ["topic", "order", "key_points"]
        widgets = {
            "key_points": forms.Textarea(attrs={"rows": 2, "placeholder": _("What the participants said")}),
            "order": forms.NumberInput(attrs={"min": 0}),
            "topic": topic_picker(),
        }

    def __init__(self, *args, topics=None, topic_labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["topic"]
        field.required = False
        field.label = capfirst(_("question from the library"))
        field.empty_label = _("— pick —")
        self.fields["order"].required = False
        if not self.instance.pk:
            self.fields["order"].initial = None  # empty means "the position of the row"
        if topics is not None:
            field.queryset = topics
            # The formset looks up the chosen questions' labels once for every row.
            field.widget.labels = topic_labels

    def clean(self):
        cleaned = super().clean()
        try:
            topic, question = SessionTopic.choose_topic(
                topic=cleaned.get("topic"), new_question=cleaned.get("new_question")
            )
        except ValidationError as error:
            if not ("topic" in error.error_dict and self.has_error("topic")):  # one message for the field
                self.add_error(None, error)
            return cleaned
        if question:
            if topic:
                cleaned["topic"] = topic
                self.instance.topic = topic
            cleaned["new_question"] = question
        return cleaned


class StoryForm(RowForm):
    barriers = forms.MultipleChoiceField(
        label=capfirst(_("barriers")), choices=Barrier.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    consent_obtained = forms.BooleanField(
        label=capfirst(_("consent obtained")),
        required=True,
        help_text=_("The participant agreed that the story is recorded."),
        error_messages={"required": _("A story can only be recorded with the participant's consent.")},
    )

    class Meta:
        model = Story
        fields = ["pseudonym", "role_context", "text", "barriers", "consent_obtained"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class FindingForm(RowForm):
    class Meta:
        model = Finding
        fields = ["statement", "barrier"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}


def _translated_choices(field):
    """A plain choice field's choices with their labels as text (None for others: a queryset, groups)."""
    if isinstance(field, forms.ModelChoiceField) or not isinstance(field, forms.ChoiceField):
        return None
    if any(isinstance(label, list | tuple) for _value, label in field.choices):
        return None
    return [(value, str(label)) for value, label in field.choices]


class RowFormSet(ParentRowsFormSet):
    """A training's rows: tampering refused (core.formsets), duplicates reported beside the field."""

    tampered_message = _("This part of the page no longer matches the saved training. Reload the page and try again.")

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Labels and choices are translated once for all rows, not once a row (a catalog look-up each, two for
        # capfirst of a lazy label): 20 rows of 8 kinds of organization were 160 look-ups.
        if not hasattr(self, "_translated"):
            self._translated = {
                name: (
                    str(field.label) if field.label else field.label,
                    _translated_choices(field),
                )
                for name, field in form.fields.items()
            }
        for name, (label, choices) in self._translated.items():
            field = form.fields[name]
            field.label = label
            if choices is not None:
                field.choices = choices
        return form

    def live_forms(self):
        """Rows the session keeps: saved or filled in, and not marked for deletion."""
        return [
            form
            for form in self.forms
            if (form.instance.pk or form.has_changed()) and not (self.can_delete and self._should_delete_form(form))
        ]

    def clean(self):
        super().clean()
        self.clean_rows()

    def clean_rows(self):
        pass

    def validate_unique(self):
        # Duplicates are reported by clean_rows beside the field; the generic message would hide which row.
        pass


class AttendanceFormSet(RowFormSet):
    def __init__(self, *args, organizations, **kwargs):
        # Rows render only their chosen organization (the picker finds the others): their names in one query.
        labels = {}
        kwargs.setdefault("form_kwargs", {}).update(organizations=organizations, organization_labels=labels)
        super().__init__(*args, **kwargs)
        chosen = Q(pk__in=self.get_queryset().values("organization_id"))
        if self.is_bound:
            pattern = re.compile(rf"{re.escape(self.prefix)}-\d+-organization$")
            chosen |= Q(pk__in=[value for key, value in self.data.items() if pattern.match(key) and value.isdecimal()])
        labels.update((str(pk), name) for pk, name in organizations.filter(chosen).values_list("pk", "name"))

    def clean_rows(self):
        seen_ids, seen_names = set(), set()
        for form in self.live_forms():
            organization = form.cleaned_data.get("organization")
            name = (form.cleaned_data.get("new_organization_name") or "").casefold()
            if organization:
                if organization.pk in seen_ids:
                    form.add_error("organization", _("This organization is already listed above."))
                seen_ids.add(organization.pk)
            elif name:
                if name in seen_names:
                    form.add_error("new_organization_name", _("This organization is already listed above."))
                seen_names.add(name)


class SessionTopicFormSet(RowFormSet):
    def __init__(self, *args, topics, **kwargs):
        # Rows render only their chosen question (the picker finds the others): their labels in one query.
        labels = {}
        kwargs.setdefault("form_kwargs", {}).update(topics=topics, topic_labels=labels)
        super().__init__(*args, **kwargs)
        chosen = Q(pk__in=self.get_queryset().values("topic_id"))
        if self.is_bound:
            pattern = re.compile(rf"{re.escape(self.prefix)}-\d+-topic$")
            chosen |= Q(pk__in=[value for key, value in self.data.items() if pattern.match(key) and value.isdecimal()])
        for pk, question, is_active in topics.filter(chosen).values_list("pk", "question", "is_active"):
            labels[str(pk)] = question if is_active else _("%(question)s (inactive)") % {"question": question}

    def clean_rows(self):
        seen_ids, seen_questions = set(), set()
        for form in self.live_forms():
            topic = form.cleaned_data.get("topic")
            question = (form.cleaned_data.get("new_question") or "").casefold()
            field = "new_question" if question else "topic"
            if topic:
                if topic.pk in seen_ids:
                    form.add_error(field, _("This question is already listed above."))
                seen_ids.add(topic.pk)
            elif question:
                if question in seen_questions:
                    form.add_error(field, _("This question is already listed above."))
                seen_questions.add(question)


def _formset(model, form, formset=RowFormSet, max_num=100):
    return inlineformset_factory(
        TrainingSession,
        model,
        form=form,
        formset=formset,
        extra=0,
        can_delete=True,
        max_num=max_num,
        validate_max=True,
        absolute_max=max_num,
    )


FacilitatorFormSet = _formset(Facilitator, FacilitatorForm, max_num=20)
AttendanceFormSet = _formset(Attendance, AttendanceForm, AttendanceFormSet, max_num=200)
SessionTopicFormSet = _formset(SessionTopic, SessionTopicForm, SessionTopicFormSet, max_num=50)
StoryFormSet = _formset(Story, StoryForm, max_num=30)
FindingFormSet = _formset(Finding, FindingForm, max_num=50)


class DiscussionTopicForm(forms.ModelForm):
    class Meta:
        model = DiscussionTopic
        fields = ["question", "theme", "notes"]
        widgets = {"question": forms.TextInput, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page offers the themes already in use, so the library does not split into near-duplicates.
        self.fields["theme"].widget.attrs["list"] = "themes"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_question(self):
        question = normalize_question(self.cleaned_data["question"])
        if DiscussionTopic.objects.filter(question__iexact=question).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This question is already in the library."))
        return question
