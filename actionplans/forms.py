"""Forms of the plan editor, the progress pages and the review.

The editor is one page: the plan header, an objectives formset, and for each saved objective its own
actions and indicators formsets (prefixes ``actions-<objective pk>`` / ``indicators-<objective pk>``).
"""

import os
import re
import uuid

import filetype
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from actionplans.evidence import evidence_content_check
from actionplans.models import Action, ActionPlan, Indicator, Measurement, Objective, ProgressUpdate
from core.formsets import ParentRowsFormSet
from core.renderers import QUICK_WIDGETS
from core.widgets import date_input

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_FILES = 10
# Content type (as detected from the bytes) -> file name extensions that may carry it.
EVIDENCE_TYPES = {
    "application/pdf": {"pdf"},
    "image/jpeg": {"jpg", "jpeg"},
    "image/png": {"png"},
    "image/gif": {"gif"},
    "image/webp": {"webp"},
    "application/msword": {"doc"},
    "application/vnd.ms-excel": {"xls"},
    "application/vnd.ms-powerpoint": {"ppt"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {"pptx"},
    "application/vnd.oasis.opendocument.text": {"odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {"ods"},
    "application/vnd.oasis.opendocument.presentation": {"odp"},
}
EVIDENCE_ACCEPT = ",".join(sorted(f".{ext}" for exts in EVIDENCE_TYPES.values() for ext in exts))


def not_negative(field):
    field.validators.append(MinValueValidator(0))
    field.widget.attrs["min"] = 0


class PlanHeaderForm(forms.ModelForm):
    # The version the editor was opened at; the save is refused if the plan has moved on since.
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ActionPlan
        fields = ["title", "period_start", "period_end", "statement_of_intent"]
        widgets = {
            "period_start": date_input(),
            "period_end": date_input(),
            "statement_of_intent": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "statement_of_intent": _("Why the organization adopts this plan and what it commits to, in a few lines."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "version",
            Field("title"),
            Row(Column("period_start", css_class="col-sm-6"), Column("period_end", css_class="col-sm-6")),
            "statement_of_intent",
        )


class ObjectiveForm(forms.ModelForm):
    default_renderer = QUICK_WIDGETS  # the editor's rows: see actionplans.rows

    class Meta:
        model = Objective
        fields = ["title", "content_area", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    # Rows of (field, column classes), drawn by actionplans.rows.
    layout = [[("title", "col-md-7"), ("content_area", "col-md-5")], [("description", "col-12")]]


class ActionForm(forms.ModelForm):
    default_renderer = QUICK_WIDGETS  # the editor's rows: see actionplans.rows

    class Meta:
        model = Action
        fields = ["title", "responsible", "start_date", "due_date", "status", "resources"]
        widgets = {"start_date": date_input(), "due_date": date_input()}

    layout = [
        [("title", "col-md-8"), ("responsible", "col-md-4")],
        [("start_date", "col-sm-6 col-md-3"), ("due_date", "col-sm-6 col-md-3"), ("status", "col-md-3"),
         ("resources", "col-md-3")],
    ]  # fmt: skip


class IndicatorForm(forms.ModelForm):
    default_renderer = QUICK_WIDGETS  # the editor's rows: see actionplans.rows

    class Meta:
        model = Indicator
        fields = [
            "name",
            "kind",
            "level",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "data_source",
            "aggregation",
            "counts_people",
        ]
        widgets = {"baseline_date": date_input(), "target_date": date_input()}
        help_texts = {"level": ""}

    layout = [
        [("name", "col-md-5"), ("kind", "col-md-3"), ("level", "col-md-4")],
        [("baseline_value", "col-sm-6 col-md-2"), ("baseline_date", "col-sm-6 col-md-2"),
         ("target_value", "col-sm-6 col-md-2"), ("target_date", "col-sm-6 col-md-2"),
         ("unit", "col-4 col-md-1"), ("data_source", "col-8 col-md-3")],
        [("aggregation", "col-md-5"), ("counts_people", "col-md-7 pt-md-4")],
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].label = _("Level (for a share of women)")
        for name in ("baseline_value", "target_value"):
            not_negative(self.fields[name])
        # Left empty, the aggregation follows the kind: a share or a yes/no reports its latest value.
        self.fields["aggregation"].required = False

    def clean_aggregation(self):
        aggregation = self.cleaned_data.get("aggregation")
        if aggregation:
            return aggregation
        if self.cleaned_data.get("kind") in (Indicator.Kind.SHARE_OF_WOMEN, Indicator.Kind.YES_NO):
            return Indicator.Aggregation.LATEST
        return Indicator.Aggregation.SUM


class ReadRowsFormSet(ParentRowsFormSet):
    """An objective's rows given as ``rows`` (read once for all the plan's objectives) instead of one query per
    objective; Django's model formset reads its rows through ``get_queryset()``, which keeps them here."""

    def __init__(self, *args, rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        if rows is not None:
            self._queryset = rows


def scoped_formset(parent, model, form, max_num, formset=ParentRowsFormSet):
    return forms.inlineformset_factory(
        parent,
        model,
        form=form,
        formset=formset,
        extra=0,
        can_delete=True,
        max_num=max_num,
        validate_max=True,
        # Django builds up to 1,000 + max_num forms from a posted TOTAL_FORMS before it says "too many":
        # a tampered POST would hold a worker for seconds. No form beyond the cap is ever built.
        absolute_max=max_num,
    )


ObjectiveFormSet = scoped_formset(ActionPlan, Objective, ObjectiveForm, max_num=50)
ActionFormSet = scoped_formset(Objective, Action, ActionForm, max_num=100, formset=ReadRowsFormSet)
IndicatorFormSet = scoped_formset(Objective, Indicator, IndicatorForm, max_num=50, formset=ReadRowsFormSet)


def _rows_by_objective(rows):
    grouped = {}
    for row in rows:
        grouped.setdefault(row.objective_id, []).append(row)
    return grouped


class PlanEditor:
    """The header form, the objectives formset and each objective's actions and indicators formsets.

    Formsets are built only for this plan's objectives, so rows posted under another plan's prefix are
    ignored, and a row id of another plan's objective, action or indicator fails the formset's own check.
    A new objective's rows come under ``actions-new<row>`` / ``indicators-new<row>`` (its row in the
    objectives formset), so its actions and indicators are added before it is ever saved.
    """

    # The placeholder of a new objective's row number in the page's template for "Add an objective"; its
    # own actions and indicators keep Django's "__prefix__" for their rows.
    NEW_OBJECTIVE = "__objective__"

    def __init__(self, plan, data=None):
        self.plan = plan
        self.header = PlanHeaderForm(data, instance=plan, prefix="plan")
        objectives = plan.objectives.all()
        self.objectives = ObjectiveFormSet(data, instance=plan, queryset=objectives, prefix="objectives")
        # Every objective's actions and indicators in two queries, whatever the number of objectives.
        self._actions = _rows_by_objective(Action.objects.filter(objective__plan=plan))
        self._indicators = _rows_by_objective(Indicator.objects.filter(objective__plan=plan))
        self.sections = []
        for form in self.objectives.initial_forms:
            objective = form.instance
            if objective.pk is None:
                continue  # a posted id that is not this plan's: the objectives formset refuses it
            self.sections.append(self._section(data, form, str(objective.pk)))
        self.new_sections = [
            self._section(data, form, f"new{index}")
            for index, form in enumerate(self.objectives.forms)
            if index >= self.objectives.initial_form_count()
        ]

    def _section(self, data, form, key):
        objective = form.instance

        def rows(formset_class, prefix, saved):
            if data is not None and objective.pk is None and f"{prefix}-TOTAL_FORMS" not in data:
                # A new objective posted without rows under it (a page or a client that never offered them).
                return formset_class({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"},
                                     instance=objective, prefix=prefix)  # fmt: skip
            read = saved.get(objective.pk, []) if objective.pk is not None else None
            return formset_class(data, instance=objective, prefix=prefix, rows=read)

        return {
            "objective": objective,
            "form": form,
            "key": key,
            "actions": rows(ActionFormSet, f"actions-{key}", self._actions),
            "indicators": rows(IndicatorFormSet, f"indicators-{key}", self._indicators),
        }

    def new_objective_template(self):
        """The section "Add an objective" copies: an empty objective with empty actions and indicators."""
        form = self.objectives.form(
            prefix=self.objectives.add_prefix(self.NEW_OBJECTIVE),
            empty_permitted=True,
            use_required_attribute=False,
            **self.objectives.get_form_kwargs(None),
        )
        self.objectives.add_fields(form, None)
        form.instance.plan = self.plan
        return self._section(None, form, f"new{self.NEW_OBJECTIVE}")

    # The prefix of an objective's actions or indicators in the page's one empty row of each kind, which every
    # objective's "Add" copies (static/js/formsets.js puts that formset's own prefix in its place).
    ROWS_PLACEHOLDER = "__formset__"

    def empty_action(self):
        return ActionFormSet(prefix=self.ROWS_PLACEHOLDER, instance=Objective(plan=self.plan)).empty_form

    def empty_indicator(self):
        return IndicatorFormSet(prefix=self.ROWS_PLACEHOLDER, instance=Objective(plan=self.plan)).empty_form

    @property
    def version(self):
        return self.header.cleaned_data["version"]

    def live_sections(self):
        """Sections whose objective is kept: the children of a removed objective go with it; a new objective
        counts once anything in it (or under it) was filled in."""
        live = [s for s in self.sections if not self.objectives._should_delete_form(s["form"])]
        for section in self.new_sections:
            if self.objectives._should_delete_form(section["form"]):
                continue
            if section["form"].has_changed() or section["actions"].has_changed() or section["indicators"].has_changed():
                live.append(section)
        return live

    def is_valid(self):
        # A new objective with actions or indicators under it needs its own fields filled in.
        for section in self.new_sections:
            if section["actions"].has_changed() or section["indicators"].has_changed():
                section["form"].empty_permitted = False
        # Every part is validated (no short cut), so the page shows all errors at once.
        results = [self.header.is_valid(), self.objectives.is_valid()]
        for section in self.live_sections():
            results += [section["actions"].is_valid(), section["indicators"].is_valid()]
        return all(results)

    def indicator_form(self, prefix):
        """The indicator row posted under this form prefix, if it is one of this plan's."""
        for section in self.live_sections():
            for form in section["indicators"].forms:
                if form.prefix == prefix:
                    return form
        return None

    def anchor_after_save(self, anchor):
        """Where the saved page should open: the part the person was in (``objective-new3`` becomes the saved
        objective's own anchor). Anything unexpected opens the top of the page."""
        match = re.fullmatch(r"(objective|action|indicator)-(\d+|new\d+)|plan-header", anchor or "")
        if not match:
            return ""
        if match.group(2) and match.group(2).startswith("new"):
            for section in self.new_sections:
                if section["key"] == match.group(2) and section["objective"].pk:
                    return f"objective-{section['objective'].pk}"
            return ""
        return anchor


class ActionStatusForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["status"]


class OneTimeTokenForm(forms.ModelForm):
    """A page that records a new row carries a one-time token (the row's ``submission_token``).

    Not required: a page opened before the token existed still saves, once.
    """

    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_token"].initial = uuid.uuid4()

    def save(self, commit=True):
        self.instance.submission_token = self.cleaned_data.get("form_token")
        return super().save(commit)


class MeasurementForm(OneTimeTokenForm):
    """A value of an indicator; for a share of women the value is computed from women and total."""

    class Meta:
        model = Measurement
        fields = ["date", "women", "total", "value", "note"]
        widgets = {"date": date_input()}

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator
        self.indicator = indicator
        not_negative(self.fields["value"])
        if indicator.is_share:
            del self.fields["value"]
            self.fields["women"].required = True
            self.fields["total"].required = True
            self.fields["total"].help_text = _("Everyone counted at this level: women, men and not stated.")
        else:
            del self.fields["women"]
            del self.fields["total"]
            self.fields["value"].required = True
            if indicator.kind == Indicator.Kind.YES_NO:
                self.fields["value"].help_text = _("1 for yes, 0 for no.")

    # The rules of a value (women not above total, the computed share, yes/no) are Measurement.clean(),
    # which the model form runs, so the admin and any other path apply the same ones.


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": EVIDENCE_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def detect_evidence_type(upload):
    """The content type read from the file's first bytes, checked against its name; ValidationError if refused."""
    name = upload.name
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("%(name)s is %(size)s; each file may be at most %(limit)s."),
            params={"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(MAX_EVIDENCE_BYTES)},
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if kind is None or kind.mime not in EVIDENCE_TYPES:
        raise ValidationError(
            _("%(name)s is not a PDF, an image or an office document (checked by its content, not its name)."),
            params={"name": name},
        )
    if extension not in EVIDENCE_TYPES[kind.mime]:
        raise ValidationError(
            _("%(name)s holds a .%(real)s file but is named .%(claimed)s; rename it and upload again."),
            params={"name": name, "real": kind.extension, "claimed": extension or "?"},
        )
    evidence_content_check(upload, name=name, mime=kind.mime, extension=extension)
    return kind.mime


class ProgressUpdateForm(OneTimeTokenForm):
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, images or office documents, at most 10 MB each."),
    )

    class Meta:
        model = ProgressUpdate
        fields = ["date", "narrative"]
        widgets = {"date": date_input(), "narrative": forms.Textarea(attrs={"rows": 5})}

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_EVIDENCE_FILES:
            raise ValidationError(_("Attach at most %(n)d files at once."), params={"n": MAX_EVIDENCE_FILES})
        errors = []
        self.detected_types = []
        for upload in files:
            try:
                self.detected_types.append(detect_evidence_type(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files


class DecisionForm(forms.Form):
    """A coordinator's decision on what an organization submitted: take it, or send it back with a comment,
    which is then required (said beside the field). The plan's review and the period report's review are the
    two kinds; each names its decisions (``DECISIONS``, the one that sends back is ``BACK``) and its texts."""

    DECISIONS = ()
    BACK = None
    comment_help = missing_comment = ""

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment to the organization"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = self.DECISIONS
        self.fields["comment"].help_text = self.comment_help

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.BACK and not cleaned.get("comment", "").strip():
            self.add_error("comment", self.missing_comment)
        return cleaned


class ReviewForm(DecisionForm):
    """The review of a submitted plan: approve it, or return it for changes."""

    APPROVE = "approve"
    RETURN = BACK = "return"
    DECISIONS = [(APPROVE, _("Approve the plan")), (RETURN, _("Return it for changes"))]
    comment_help = _("Required when returning the plan: say what should change.")
    missing_comment = _("Say what should change when returning a plan.")


class RestoreForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the plan restored?"),
        max_length=ActionPlan.REASON_MAX_LENGTH,
        help_text=_("Kept in the plan's history."),
    )
