"""Writes of the self-assessment: starting one, saving answers, validating, taking suggestions into a plan, and
the daily reminder of re-assessments coming due."""

import contextlib
import datetime
import logging
import os
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from actionplans.models import Action, ActionPlan, Indicator, Objective, PlanWorkflowError
from actionplans.services import indicator_baseline_from_headcount
from assessments import events, scoring
from assessments.models import Answer, Assessment, AssessmentWorkflowError, Question, Suggestion
from assessments.reassessment import reassessments_due

logger = logging.getLogger("assessments")

# A reminder the daily job missed (the worker was down) still goes out this many days after the due date.
REMINDER_CATCH_UP_DAYS = 7


def assessment_start(*, organization, by, year=None):
    """A new draft for the organization's year (this year by default) with every active question to answer."""
    year = year or timezone.localdate().year
    try:
        with transaction.atomic():
            assessment = Assessment(organization=organization, year=year)
            assessment._history_user = by
            assessment.save()
            answers = [Answer(assessment=assessment, question=question) for question in Question.objects.active()]
            bulk_create_with_history(answers, Answer, default_user=by)
    except IntegrityError:
        raise AssessmentWorkflowError(
            _("%(organization)s already has a self-assessment for %(year)s.")
            % {"organization": organization.name, "year": year}
        ) from None
    return assessment


def answer_evidence_store(*, answer, upload, content_type):
    """Keep an answer's evidence file under a random name; the original name is shown and used on download."""
    extension = os.path.splitext(upload.name)[1].lower()
    answer.evidence_name = os.path.basename(upload.name)[:255]
    answer.evidence_type = content_type
    answer.evidence.save(f"{uuid.uuid4().hex}{extension}", upload, save=False)


def answers_save(*, assessment, forms, version, by):
    """Save the partner's answers (level, comment, evidence) in one transaction, or nothing at all.

    Raises StaleAssessmentError when the assessment moved on since the page was opened.
    """
    with transaction.atomic():
        assessment.claim_version(version)
        assessment._history_user = by
        assessment.save()
        for form in forms:
            if not form.has_changed():
                continue
            answer = form.save(commit=False)
            upload = form.cleaned_data.get("upload")
            if upload:
                answer_evidence_store(answer=answer, upload=upload, content_type=form.detected_type)
            answer._history_user = by
            answer.save()


def assessment_submit(*, assessment, by):
    """Submit the assessment and tell the coordinators."""
    with transaction.atomic():
        assessment.submit(by=by)
        events.assessment_submitted(assessment)
    return assessment


def answers_review(*, assessment, forms, by, finish):
    """Save the coordinator's levels and comments; with ``finish`` validate the assessment and tell its editors."""
    with transaction.atomic():
        for form in forms:
            if form.has_changed():
                answer = form.save(commit=False)
                answer._history_user = by
                answer.save()
        if finish:
            assessment.validate(by=by)
            events.assessment_validated(assessment)
    return assessment


def suggestion_save(*, form, actions):
    """Save a suggested objective of the library and its actions together, or nothing."""
    with transaction.atomic():
        suggestion = form.save()
        actions.instance = suggestion
        actions.save()
    return suggestion


# --- From the assessment to the plan -------------------------------------------------------------------------


def _words(row, field, language):
    return getattr(row, f"{field}_{language}", "") or getattr(row, f"{field}_en")


def _indicator_for(*, suggestion, objective, assessment, language):
    """The indicator measuring a suggested objective, its baseline from the assessment or the headcount."""
    plan = objective.plan
    indicator = Indicator(
        objective=objective,
        name=_words(suggestion, "indicator", language),
        kind=suggestion.indicator_kind,
        target_value=suggestion.target_value,
        target_date=plan.period_end if suggestion.target_value is not None else None,
        aggregation=Indicator.Aggregation.LATEST,
    )
    with translation.override(language):
        if suggestion.baseline_source == Suggestion.BaselineSource.HEADCOUNT:
            indicator.level = suggestion.headcount_level
            indicator.unit = "%"
            indicator.data_source = _("Headcount by level")
            # Without a headcount at that level yet, the partner gives the baseline.
            with contextlib.suppress(ValidationError):
                indicator_baseline_from_headcount(indicator=indicator, organization=plan.organization)
        else:
            scores = scoring.scores_of_answers(assessment.answers.all())
            indicator.unit = _("points of 100")
            indicator.data_source = _("Gender self-assessment %(year)s") % {"year": assessment.year}
            indicator.baseline_value = scores.get(suggestion.content_area)
            stamp = assessment.validated_at or assessment.submitted_at
            indicator.baseline_date = timezone.localdate(stamp) if stamp else datetime.date(assessment.year, 1, 1)
    return indicator


def suggestion_take(*, plan, suggestion, assessment, by, action=None):
    """Add a suggested objective (with its indicator and actions) to a draft plan, or one suggested action under
    the plan's objective of that content area, in the organization's working language.

    Bumps the plan's version so an editor opened before is refused rather than overwriting it. Returns the
    objective written to.
    """
    language = plan.organization.language
    with transaction.atomic():
        current = ActionPlan.objects.select_for_update().get(pk=plan.pk)
        if not current.is_editable:
            raise PlanWorkflowError(
                _("This plan is %(status)s: it cannot be edited now.")
                % {"status": current.get_status_display().lower()}
            )
        current.claim_version(current.version)
        current._history_user = by
        current.save()
        objective = None
        if action is not None:
            objective = current.objectives.filter(content_area=suggestion.content_area).order_by("order", "pk").first()
        if objective is None:
            order = (current.objectives.aggregate(last=Max("order"))["last"] or 0) + 1
            objective = Objective(
                plan=current,
                title=_words(suggestion, "title", language),
                description=_words(suggestion, "description", language),
                content_area=suggestion.content_area,
                order=order,
            )
            objective._history_user = by
            objective.save()
            indicator = _indicator_for(
                suggestion=suggestion, objective=objective, assessment=assessment, language=language
            )
            indicator._history_user = by
            indicator.save()
        chosen = [action] if action is not None else list(suggestion.actions.all())
        start = (objective.actions.aggregate(last=Max("order"))["last"] or 0) + 1
        for index, suggested in enumerate(chosen):
            row = Action(objective=objective, title=_words(suggested, "title", language), order=start + index)
            row._history_user = by
            row.save()
    plan.refresh_from_db()
    return objective


def assessment_reminders_send(*, today=None):
    """Tell each organization's editors once that its yearly re-assessment is due soon; returns how many were told.

    Run daily by the queue's scheduler (migration assessments 0002). The notification's key names the organization
    and the due date, so running it again, or every day of the 30 days before the date, tells nobody twice.
    """
    today = today or timezone.localdate()
    sent = 0
    for item in reassessments_due(today=today):
        if (today - item.due).days <= REMINDER_CATCH_UP_DAYS:
            sent += len(events.assessment_due(item))
    logger.info("Self-assessment reminders for %s: %s notifications", today, sent)
    return sent
