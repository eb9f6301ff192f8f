"""Forms of the self-assessment: one answer form per question (the partner), one review form per answer (the
coordinator), the questionnaire library's question form and the suggestions library's objective form with its
actions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from actionplans.forms import EVIDENCE_ACCEPT, detect_evidence_type
from assessments.models import LANGUAGES, Answer, AnswerLevel, Question, SuggestedAction, Suggestion


class AnswerForm(forms.ModelForm):
    """A question's level (radio buttons with their guidance), a comment and an optional evidence file."""

    upload = forms.FileField(
        label=_("Evidence file (optional)"),
        required=False,
        help_text=_("PDF, images or office documents, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )

    class Meta:
        model = Answer
        fields = ["level", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix=f"answer-{kwargs['instance'].pk}", **kwargs)
        question = self.instance.question
        self.fields["level"] = forms.TypedChoiceField(
            label=question.text,
            choices=[(level, label) for level, label, _guidance in question.levels],
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
        )
        self.fields["comment"].label = _("Comment")
        self.detected_type = None

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.detected_type = detect_evidence_type(upload)
        return upload


class ReviewForm(forms.ModelForm):
    """The coordinator's level for an answer (empty keeps the partner's) and the comment the partner sees."""

    class Meta:
        model = Answer
        fields = ["validated_level", "coordinator_comment"]
        widgets = {"coordinator_comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix=f"review-{kwargs['instance'].pk}", **kwargs)
        self.fields["validated_level"] = forms.TypedChoiceField(
            label=_("Level after validation"),
            choices=[("", _("Keep the partner's level")), *AnswerLevel.choices],
            coerce=int,
            empty_value=None,
            required=False,
        )
        self.fields["coordinator_comment"].label = _("Comment for the partner")

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("validated_level")
        if (
            level is not None
            and level != self.instance.level
            and not (cleaned.get("coordinator_comment") or "").strip()
        ):
            self.add_error("coordinator_comment", _("Say why you changed the level; the partner sees this comment."))
        return cleaned


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "content_area",
            "order",
            *[
                f"{field}_{language}"
                for field in ("text", "missing", "started", "in_place", "exemplary")
                for language in LANGUAGES
            ],
            "is_active",
        ]
        widgets = {
            f"{field}_{language}": forms.Textarea(attrs={"rows": 2})
            for field in ("text", "missing", "started", "in_place", "exemplary")
            for language in LANGUAGES
        }

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"text_{language}") for language in LANGUAGES):
            raise ValidationError(_("Write the question."))
        return cleaned


class SuggestionForm(forms.ModelForm):
    """A suggested objective: its content area and the maturity up to which it is offered, its words in three
    languages, the indicator that measures it and where that indicator's baseline comes from."""

    class Meta:
        model = Suggestion
        fields = [
            "content_area",
            "up_to",
            "order",
            *[f"{field}_{language}" for field in ("title", "description", "indicator") for language in LANGUAGES],
            "baseline_source",
            "headcount_level",
            "target_value",
            "is_active",
        ]
        widgets = {f"description_{language}": forms.Textarea(attrs={"rows": 2}) for language in LANGUAGES}


# A suggested objective's actions: the rows it has and two empty ones to add (a row left empty adds nothing).
SuggestedActionFormSet = forms.inlineformset_factory(
    Suggestion,
    SuggestedAction,
    fields=["order", "title_en", "title_ru", "title_ky"],
    extra=2,
    can_delete=True,
)
