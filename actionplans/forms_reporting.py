"""Forms of reporting: the schedule (on approval and later), the period report page and the review of a report.

The rules of a value live in ReportValue.clean(); these forms only carry them to the fields.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from actionplans.forms import MAX_EVIDENCE_FILES, DecisionForm, MultipleFileField, detect_evidence_type, not_negative
from actionplans.models import Action, Frequency, PeriodReport, ReassessmentInterval, ReportValue
from actionplans.periods import DEFAULT_DUE_DAYS


class ScheduleForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Reporting"), choices=Frequency.choices, initial=Frequency.HALF_YEARLY)
    due_days = forms.IntegerField(
        label=_("Days to report after a period ends"), min_value=0, max_value=365, initial=DEFAULT_DUE_DAYS
    )
    custom_ends = forms.CharField(
        label=_("Custom period end dates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "2026-03-31, 2026-09-30"}),
        help_text=_("For custom dates: the day each period ends (YYYY-MM-DD), separated by commas or lines."),
    )

    # Empty (a form posted without it): yearly.
    reassessment_years = forms.TypedChoiceField(
        label=_("Gender self-assessment again"),
        choices=ReassessmentInterval.choices,
        coerce=int,
        required=False,
        empty_value=ReassessmentInterval.YEARLY,
        initial=ReassessmentInterval.YEARLY,
        help_text=_(
            "On each such anniversary of the plan's start the organization's editors are asked to assess it again."
        ),
    )

    def __init__(self, *args, schedule=None, **kwargs):
        if schedule is not None:
            kwargs.setdefault(
                "initial",
                {
                    "frequency": schedule.frequency,
                    "due_days": schedule.due_days,
                    "custom_ends": ", ".join(schedule.custom_ends),
                    "reassessment_years": schedule.reassessment_years,
                },
            )
        super().__init__(*args, **kwargs)

    def clean_custom_ends(self):
        dates = []
        for text in re.split(r"[\s,;]+", self.cleaned_data["custom_ends"].strip()):
            if not text:
                continue
            try:
                dates.append(datetime.date.fromisoformat(text))
            except ValueError:
                raise ValidationError(_("“%(text)s” is not a date like 2026-03-31."), params={"text": text}) from None
        return dates

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("frequency") == Frequency.CUSTOM and not cleaned.get("custom_ends"):
            self.add_error("custom_ends", _("Give at least one date on which a period ends."))
        return cleaned


class ReportForm(forms.ModelForm):
    # The report's version when the page was opened (0 before its first save): an older one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    files = MultipleFileField(
        label=_("Evidence files"), required=False, help_text=_("PDF, images or office documents, at most 10 MB each.")
    )

    class Meta:
        model = PeriodReport
        fields = ["achieved", "obstacles", "next_steps"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_EVIDENCE_FILES:
            raise ValidationError(_("Attach at most %(n)d files at once."), params={"n": MAX_EVIDENCE_FILES})
        errors, self.detected_types = [], []
        for upload in files:
            try:
                self.detected_types.append(detect_evidence_type(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files


class ReportValueForm(forms.ModelForm):
    """One indicator's value for the period; the fields follow the indicator (a share asks for the people)."""

    class Meta:
        model = ReportValue
        fields = [
            "value",
            "women",
            "men",
            "not_stated",
            "age_under_30",
            "age_30_54",
            "age_55_over",
            "with_disability",
            "note",
        ]

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.instance.indicator = indicator
        for field in self.fields.values():
            if isinstance(field, forms.DecimalField | forms.IntegerField):
                not_negative(field)
        if indicator.is_share:
            del self.fields["value"]
            self.fields["not_stated"].help_text = _("The share of women is computed from these.")
        elif not indicator.counts_people:
            for name in (*ReportValue.SEX_PARTS, *ReportValue.AGE_PARTS, "with_disability"):
                del self.fields[name]
        if "value" in self.fields:
            self.fields["value"].label = _("Value for the period")
            if indicator.kind == indicator.Kind.YES_NO:
                self.fields["value"].help_text = _("1 for yes, 0 for no.")
            elif indicator.counts_people:
                self.fields["value"].label = _("People in total")

    @property
    def people_fields(self):
        return [self[n] for n in ReportValue.SEX_PARTS if n in self.fields]

    @property
    def age_fields(self):
        return [self[n] for n in (*ReportValue.AGE_PARTS, "with_disability") if n in self.fields]


class ReportActionForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)


def _status(action):
    return action.period_status.status if action.period_status is not None else action.status


FOREIGN_ROW = re.compile(r"^(value|action)-\d+-")


class ReportEditor:
    """The narrative and files form, one value form per indicator and one status form per action.

    ``indicators`` and ``actions`` come from selectors.report_indicators / report_actions, with the report's
    ``period_value`` and ``period_status`` on each (no query here).
    """

    def __init__(self, *, report, indicators, actions, data=None, files=None):
        self.report = report
        self.form = ReportForm(data, files, instance=report or PeriodReport())
        self.value_forms = [
            ReportValueForm(data, instance=i.period_value or ReportValue(), indicator=i, prefix=f"value-{i.pk}")
            for i in indicators
        ]
        self.action_forms = [
            (a, ReportActionForm(data, prefix=f"action-{a.pk}", initial={"status": _status(a)})) for a in actions
        ]

    def foreign_rows(self):
        """Whether the data names an indicator or action this report does not have (another plan's): the page
        answers 404, as for a report of another organization."""
        own = {f.prefix for f in self.value_forms} | {f.prefix for _a, f in self.action_forms}
        rows = {"-".join(key.split("-")[:2]) for key in self.form.data if FOREIGN_ROW.match(key)}
        return bool(rows - own)

    def is_valid(self):
        results = [self.form.is_valid()]
        results += [f.is_valid() for f in self.value_forms]
        results += [f.is_valid() for _a, f in self.action_forms]
        return all(results)

    @property
    def version(self):
        return self.form.cleaned_data["version"]

    def save_kwargs(self):
        """What report_save() takes, from the valid forms."""
        return {
            "version": self.version,
            "narrative": {n: self.form.cleaned_data[n] for n in ("achieved", "obstacles", "next_steps")},
            "values": [f.instance for f in self.value_forms],
            "statuses": {a: f.cleaned_data["status"] for a, f in self.action_forms},
            "files": self.form.cleaned_data["files"],
            "file_types": getattr(self.form, "detected_types", []),
        }


class ReportReviewForm(DecisionForm):
    """The review of a submitted period report: accept it, or send it back with a comment."""

    ACCEPT = "accept"
    SEND_BACK = BACK = "send_back"
    DECISIONS = [(ACCEPT, _("Accept the report")), (SEND_BACK, _("Send it back"))]
    comment_help = _("Required when sending the report back: say what should change.")
    missing_comment = _("Say what should change when sending a report back.")


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Why reopen it"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class PeriodTargetsForm(forms.Form):
    """Each period's due date and each indicator's target for it, as one grid on the schedule page."""

    def __init__(self, *args, periods, indicators, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods, self.indicators = periods, indicators
        self.grid = []
        for period in periods:
            due = f"due-{period.pk}"
            self.fields[due] = forms.DateField(
                label=_("Due date"),
                initial=period.due,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            cells = []
            for indicator in indicators:
                name = f"target-{indicator.pk}-{period.pk}"
                self.fields[name] = forms.DecimalField(
                    label=indicator.name, required=False, min_value=0, max_digits=12, decimal_places=2,
                    initial=targets.get((indicator.pk, period.pk)),
                )  # fmt: skip
                cells.append(self[name])
            self.grid.append((period, self[due], cells))

    def changes(self):
        """({period: due}, {(indicator, period): target or None}) from the valid form."""
        dues = {p: self.cleaned_data[f"due-{p.pk}"] for p in self.periods}
        targets = {(i, p): self.cleaned_data[f"target-{i.pk}-{p.pk}"] for p in self.periods for i in self.indicators}
        return dues, targets
