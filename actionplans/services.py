"""Work on plans that touches several models: launching plans from a training, saving the editor, recording progress."""

import os
import uuid
from collections import namedtuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from actionplans import events
from actionplans.models import ActionPlan, Evidence, Indicator, Measurement, ProgressUpdate
from actionplans.selectors import plan_period_from, plans_launch_preview
from organizations.selectors import latest_headcounts
from sessions_log.models import TrainingSession


def indicator_baseline_from_headcount(*, indicator, organization):
    """Set a share-of-women indicator's baseline from the latest headcount at its level; returns the snapshot."""
    if indicator.kind != Indicator.Kind.SHARE_OF_WOMEN or not indicator.level:
        raise ValidationError(
            {"level": _("Choose “Share of women” and a level to take the baseline from the headcount.")}
        )
    snapshot = latest_headcounts(organization=organization).get(indicator.level)
    if snapshot is None or snapshot.share_of_women is None:
        raise ValidationError({"level": _("Your organization has no headcount recorded at this level yet.")})
    indicator.baseline_value = snapshot.share_of_women
    indicator.baseline_date = snapshot.as_of
    return snapshot


def plan_save_edits(*, editor, by, baseline_from=None):
    """Write a valid PlanEditor in one transaction, or nothing at all.

    Raises StalePlanError when the plan's version moved on since the editor was opened, and
    ValidationError (already added to the form) when the baseline button cannot be honoured.
    """
    plan = editor.plan
    with transaction.atomic():
        plan.claim_version(editor.version)
        if baseline_from:
            form = editor.indicator_form(baseline_from)
            if form is not None:
                try:
                    indicator_baseline_from_headcount(indicator=form.instance, organization=plan.organization)
                except ValidationError as error:
                    form.add_error(None, error)
                    raise
                form.force_save = True
        header = editor.header.save(commit=False)
        header.version = plan.version
        header._history_user = by
        # A full save after the guarded UPDATE, so simple-history records the change and the new version.
        header.save()
        # Objectives first: a new objective's actions and indicators need its id.
        _save_rows(editor.objectives, by)
        for section in editor.live_sections():
            for formset in (section["actions"], section["indicators"]):
                _save_rows(formset, by)


def _save_rows(formset, by):
    """Save a formset's rows (and deletions) one by one so that history records each with its author.

    A new row goes where it was added: after the rows above it.
    """
    for index, form in enumerate(formset.forms):
        if formset._should_delete_form(form):
            if form.instance.pk:
                form.instance._history_user = by
                form.instance.delete()
            continue
        if not form.has_changed() and not getattr(form, "force_save", False):
            continue
        row = form.save(commit=False)
        setattr(row, formset.fk.name, formset.instance)
        if not row.pk:
            row.order = index
        row._history_user = by
        row.save()


def evidence_store(*, update, upload, content_type, report=None, by=None):
    """Keep an uploaded file (of a progress update or a period report) under a random name; the original name
    is only shown and used on download. ``by``: who added it (named in the plan's history)."""
    extension = os.path.splitext(upload.name)[1].lower()
    evidence = Evidence(
        update=update, report=report, original_name=os.path.basename(upload.name)[:255], content_type=content_type,
        uploaded_by=by,
    )  # fmt: skip
    evidence.size = upload.size
    evidence.file.save(f"{uuid.uuid4().hex}{extension}", upload, save=False)
    evidence.save()
    return evidence


class AlreadyRecorded(Exception):
    """The page's one-time token already recorded a row: a repeated POST (a double click) saves nothing."""


def recorded_with(*, model, token):
    """Whether a page with this one-time token already recorded a `model` row (Measurement, ProgressUpdate)."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return False
    return model.objects.filter(submission_token=token).exists()


def _record_once(model, form, write):
    """Run `write` in a transaction; if a racing twin POST got in first, raise AlreadyRecorded."""
    try:
        with transaction.atomic():
            return write()
    except IntegrityError:
        token = form.cleaned_data.get("form_token")
        if token and recorded_with(model=model, token=token):
            raise AlreadyRecorded from None
        raise


def _lock_plan_for_progress(plan_id):
    """Lock the plan until the write commits and check it accepts progress (it may have been closed meanwhile)."""
    ActionPlan.objects.select_for_update().get(pk=plan_id).check_accepts_progress()


def progress_update_record(*, plan, form, by):
    """Save a progress update with its evidence files, once per page; PermissionDenied unless the plan accepts
    progress."""

    def write():
        _lock_plan_for_progress(plan.pk)
        update = form.save(commit=False)
        update.plan = plan
        update.author = by
        update.save()
        for upload, content_type in zip(form.cleaned_data["files"], form.detected_types, strict=True):
            evidence_store(update=update, upload=upload, content_type=content_type, by=by)
        return update

    return _record_once(ProgressUpdate, form, write)


def measurement_record(*, form, by):
    """Save a measurement of an indicator, once per page; PermissionDenied unless its plan accepts progress."""

    def write():
        measurement = form.save(commit=False)
        _lock_plan_for_progress(measurement.indicator.objective.plan_id)
        measurement.recorded_by = by
        measurement._history_user = by
        measurement.save()
        return measurement

    return _record_once(Measurement, form, write)


def action_status_record(*, form, by):
    """Save an action's new status; PermissionDenied unless its plan accepts progress."""
    with transaction.atomic():
        action = form.save(commit=False)
        _lock_plan_for_progress(action.objective.plan_id)
        action._history_user = by
        action.save()
    return action


LaunchResult = namedtuple("LaunchResult", ["created", "existing", "skipped"], defaults=[0])


def _one_year_from(day):
    """The last day of the twelve months that start on ``day``."""
    return plan_period_from(day)[1]


def plans_launch_from_session(*, session, by):
    """Create a draft action plan for every attending organization without one from this session.

    Idempotent: pressing the button twice creates nothing the second time. An organization that already has
    a plan in progress for overlapping months is skipped (see plans_launch_preview). Returns how many plans
    were created, already existed and were skipped.
    """
    today = timezone.localdate()
    period_start, period_end = plan_period_from(today)
    with transaction.atomic():
        # Two launches of the same session queue here on PostgreSQL instead of both creating plans.
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        to_create, already, skipped = plans_launch_preview(session=session, today=today)
        for organization in to_create:
            ActionPlan.objects.create(
                organization=organization,
                title=launched_plan_title(session=session, organization=organization),
                period_start=period_start,
                period_end=period_end,
                source_session=session,
                status=ActionPlan.Status.DRAFT,
            )
    return LaunchResult(created=len(to_create), existing=len(already), skipped=len(skipped))


def plan_submit(*, plan, by):
    """Submit the plan for review and tell the coordinators, in one transaction."""
    with transaction.atomic():
        plan.submit(by=by)
        events.plan_submitted(plan)
    return plan


def plan_return(*, plan, by, comment):
    """Return the plan for changes and tell the organization's editors why, in one transaction."""
    with transaction.atomic():
        plan.return_for_changes(by=by, comment=comment)
        events.plan_returned(plan, comment)
    return plan


def launched_plan_title(*, session, organization):
    """A launched plan's title in the organization's working language."""
    with translation.override(getattr(organization, "language", None) or translation.get_language()):
        return (_("Gender action plan after “%(title)s”") % {"title": session.title})[:255]
