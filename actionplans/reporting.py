"""Reporting periods, the writes: laying out a schedule, writing a period report, targets per period.

The reads (who has reported, a partner's periods, a report's page) are in selectors.py.

Services take keyword-only arguments and hold the rules, so the pages, the API and the notifications use the
same ones: report transitions are PeriodReport methods (submit, accept, send_back, reopen); the rules of a
value are ReportValue.clean().
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from actionplans import events
from actionplans.carry_over import carry_over
from actionplans.models import (
    ActionPlan,
    Indicator,
    PeriodReport,
    PeriodTarget,
    ReportActionStatus,
    ReportingPeriod,
    ReportingSchedule,
    ReportValue,
    ReportWorkflowError,
    StaleReportError,
)
from actionplans.periods import DEFAULT_DUE_DAYS
from actionplans.selectors import REPORTING_STAMP
from actionplans.services import evidence_store
from core import stamps


def schedule_apply(*, plan, frequency, by, due_days=DEFAULT_DUE_DAYS, custom_ends=(), reassessment_years=1):
    """Set the plan's reporting schedule and lay out its periods again.

    Periods that already have a report keep it (and their dates); the others are laid out anew around them.
    Custom end dates outside the plan's period are refused (ValidationError on ``custom_ends``).
    """
    custom_ends = sorted(set(custom_ends))
    if frequency == "custom":
        outside = [d for d in custom_ends if not plan.period_start <= d <= plan.period_end]
        if outside:
            raise ValidationError(
                {
                    "custom_ends": _("These dates fall outside the plan's period (%(start)s to %(end)s): %(dates)s.")
                    % {
                        "start": date_format(plan.period_start, "SHORT_DATE_FORMAT"),
                        "end": date_format(plan.period_end, "SHORT_DATE_FORMAT"),
                        "dates": ", ".join(date_format(d, "SHORT_DATE_FORMAT") for d in outside),
                    }
                }
            )
    with transaction.atomic():
        ActionPlan.objects.select_for_update().filter(pk=plan.pk).first()  # one re-layout at a time per plan
        schedule, _created = ReportingSchedule.objects.get_or_create(plan=plan)
        schedule.plan = plan
        schedule.frequency = frequency
        schedule.due_days = due_days
        schedule.custom_ends = [d.isoformat() for d in custom_ends] if frequency == "custom" else []
        schedule.reassessment_years = reassessment_years
        schedule._history_user = by
        schedule.save()
        periods = list(ReportingPeriod.objects.filter(plan=plan).select_related("report"))
        kept = [p for p in periods if p.existing_report is not None]
        for period in periods:
            if period.existing_report is None:
                period._history_user = by
                period.delete()
        new = [
            ReportingPeriod(plan=plan, start=start, end=end, due=due)
            for start, end, due in schedule.layout()
            if not any(start <= k.end and k.start <= end for k in kept)
        ]
        # Kept periods move out of the way first, so numbering again never collides on (plan, number).
        for offset, period in enumerate(kept):
            ReportingPeriod.objects.filter(pk=period.pk).update(number=10000 + offset)
        for number, period in enumerate(sorted(kept + new, key=lambda p: p.start), start=1):
            period.number = number
            period._history_user = by
            period.save()
    return schedule


def measurements_carry_over(*, plans=None):
    """Put the measurements recorded before reporting periods existed into their period's report as accepted
    values (the data migration 0007 does the same once); idempotent. ``plans`` limits it (default: every plan
    with periods). Returns the counts of ``actionplans.carry_over.carry_over``."""
    with transaction.atomic():
        counts = carry_over(apps, plan_ids=None if plans is None else [p.pk for p in plans])
        # bulk_create sends no signal: the reporting pages' stamp is renewed here (core.stamps).
        stamps.renew(REPORTING_STAMP)
    return counts


def plan_approve(
    *, plan, by, comment="", frequency="half_yearly", due_days=DEFAULT_DUE_DAYS, custom_ends=(), reassessment_years=1
):
    """Approve a submitted plan and lay out its reporting periods, both or neither; its editors are told."""
    with transaction.atomic():
        plan.approve(by=by, comment=comment)
        schedule_apply(
            plan=plan,
            frequency=frequency,
            due_days=due_days,
            custom_ends=custom_ends,
            reassessment_years=reassessment_years,
            by=by,
        )
        events.plan_approved(plan)
    return plan


def period_due_set(*, period, due, by):
    """Move one period's due date (not before the period ends; not once its report was submitted)."""
    if due < period.end:
        raise ValidationError({"due": _("The due date cannot be before the period ends.")})
    period.due = due
    period._history_user = by
    period.save(update_fields=["due"])
    return period


def report_save(*, period, by, version, narrative, values, statuses, files=(), file_types=()):
    """Write a partner's report for the period in one transaction, or nothing.

    ``narrative``: {achieved, obstacles, next_steps}; ``values``: unsaved ReportValue rows (indicator set);
    ``statuses``: {action: status}. ``version`` is the report's version the page was opened at (0 before the
    first save): a save that carries an older one raises StaleReportError. A submitted or accepted report
    raises ReportWorkflowError naming who accepted it and when.
    """
    with transaction.atomic():
        # The plan's one rule for progress (approved, not closed meanwhile), under a lock until this write commits.
        ActionPlan.objects.select_for_update().get(pk=period.plan_id).check_accepts_progress()
        report = PeriodReport.objects.filter(period=period).select_related("reviewed_by").first()
        if report is None:
            if version != 0:
                raise StaleReportError(StaleReportError.message)
            report = PeriodReport(period=period)
        else:
            if not report.is_editable:
                raise ReportWorkflowError(report.locked_message())
            report.claim_version(version)
        for name in ("achieved", "obstacles", "next_steps"):
            setattr(report, name, narrative.get(name, getattr(report, name)))
        report._history_user = by
        report.save()
        existing = {v.indicator_id: v for v in report.values.all()}
        for value in values:
            if value.indicator.objective.plan_id != period.plan_id:
                raise ValidationError(_("That indicator is not one of this plan's."))
            value.full_clean(exclude=["report"], validate_unique=False, validate_constraints=False)
            row = existing.get(value.indicator_id)
            if row is None and all(getattr(value, n) in (None, "") for n in ReportValue.ENTRY_FIELDS):
                continue  # nothing typed for this indicator yet
            row = row or ReportValue(report=report, indicator=value.indicator)
            changed = row.pk is None
            for name in ReportValue.ENTRY_FIELDS:
                if getattr(row, name) != getattr(value, name):
                    setattr(row, name, getattr(value, name))
                    changed = True
            if changed:
                row._history_user = by
                row.save()
        current = {s.action_id: s for s in report.action_statuses.all()}
        for action, status in statuses.items():
            if action.objective.plan_id != period.plan_id:
                raise ValidationError(_("That action is not one of this plan's."))
            row = current.get(action.pk)
            if row is None:
                row = ReportActionStatus(report=report, action=action, status=status)
            elif row.status == status:
                continue
            row.status = status
            row._history_user = by
            row.save()
        for upload, content_type in zip(files, file_types, strict=True):
            evidence_store_for_report(report=report, upload=upload, content_type=content_type, by=by)
    return report


def evidence_store_for_report(*, report, upload, content_type, by=None):
    """Keep an uploaded file of a period report under a random name (the rules of evidence_store)."""
    return evidence_store(update=None, upload=upload, content_type=content_type, report=report, by=by)


class IndicatorPeriodsReport:
    """Report: one row per indicator and reporting period: target, accepted value with its parts (sex, age band,
    disability), status.

    Only accepted values fill the value columns; a submitted one is shown apart ("submitted, not accepted").
    Four queries whatever the size: periods (with plan, organization, report), indicators, targets, values.
    """

    report_name = "indicator-periods"
    # The parts after women / men / not stated: age bands and disability (their headers are the fields' names).
    MORE_PARTS = (*ReportValue.AGE_PARTS, "with_disability")
    # Where the Reports page's filters find the plan, its organization and its training.
    plan_path = "plan"
    organization_path = "plan__organization"
    session_path = "plan__source_session"

    @staticmethod
    def report_queryset():
        return ReportingPeriod.objects.select_related("plan__organization", "report").order_by(
            "plan__organization__name", "plan__title", "plan_id", "start"
        )

    @staticmethod
    def in_year(queryset, year):
        """Periods that end in the year."""
        return queryset.filter(end__year=year)

    def export(self, queryset, **kwargs):
        import tablib

        periods = list(queryset)
        plan_ids = {p.plan_id for p in periods}
        indicators = {}
        for indicator in (
            Indicator.objects.filter(objective__plan_id__in=plan_ids)
            .order_by("objective__order", "objective_id", "order", "pk")
            .select_related("objective")
        ):
            indicators.setdefault(indicator.objective.plan_id, []).append(indicator)
        period_ids = [p.pk for p in periods]
        targets = {
            (t.indicator_id, t.period_id): t.value for t in PeriodTarget.objects.filter(period_id__in=period_ids)
        }
        values = {
            (v.indicator_id, v.report.period_id): v
            for v in ReportValue.objects.filter(report__period_id__in=period_ids).select_related("report")
        }
        dataset = tablib.Dataset(title=str(_("Indicators by period")))
        dataset.headers = [
            str(h)
            for h in (
                _("Organization"), _("Plan"), _("Indicator"), _("Values over periods"), _("Period"), _("Start"),
                _("End"), _("Status"), _("Target for the period"), _("Accepted value"), _("Women"), _("Men"),
                _("Not stated"), *(capfirst(ReportValue._meta.get_field(n).verbose_name) for n in self.MORE_PARTS),
                _("Submitted, not accepted"),
            )
        ]  # fmt: skip
        today = timezone.localdate()
        for period in periods:
            state = period.state(today)
            for indicator in indicators.get(period.plan_id, []):
                row = values.get((indicator.pk, period.pk))
                accepted = row if row is not None and row.report.status == PeriodReport.Status.ACCEPTED else None
                waiting = row if row is not None and row.report.status == PeriodReport.Status.SUBMITTED else None
                dataset.append(
                    [
                        period.plan.organization.name, period.plan.title, indicator.name,
                        str(indicator.get_aggregation_display()), period.number, period.start.isoformat(),
                        period.end.isoformat(), str(state.label), targets.get((indicator.pk, period.pk)),
                        accepted.value if accepted else None, accepted.women if accepted else None,
                        accepted.men if accepted else None, accepted.not_stated if accepted else None,
                        *(getattr(accepted, name) if accepted else None for name in self.MORE_PARTS),
                        waiting.value if waiting else None,
                    ]
                )  # fmt: skip
        return dataset


def period_targets_set(*, plan, dues, targets, by):
    """Write the periods' due dates and the indicators' targets per period in one transaction, or nothing.

    ``dues``: {period: date}; ``targets``: {(indicator, period): value or None (no target)}. A due date before
    its period ends raises ValidationError keyed ``due-<period pk>``.
    """
    errors = {
        f"due-{p.pk}": _("The due date cannot be before the period ends.") for p, due in dues.items() if due < p.end
    }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for period, due in dues.items():
            if period.plan_id != plan.pk:
                raise ValidationError(_("That period is not one of this plan's."))
            if period.due != due:
                period_due_set(period=period, due=due, by=by)
        existing = {(t.indicator_id, t.period_id): t for t in PeriodTarget.objects.filter(period__plan=plan)}
        for (indicator, period), value in targets.items():
            if indicator.objective.plan_id != plan.pk:
                raise ValidationError(_("That indicator is not one of this plan's."))
            row = existing.get((indicator.pk, period.pk))
            if value is None:
                if row is not None:
                    row._history_user = by
                    row.delete()
            elif row is None or row.value != value:
                row = row or PeriodTarget(indicator=indicator, period=period)
                row.value = value
                row._history_user = by
                row.save()


def report_submit(*, report, by):
    """Submit the period report and tell the coordinators, in one transaction."""
    with transaction.atomic():
        report.submit(by=by)
        events.report_submitted(report)
    return report


def report_accept(*, report, by):
    """Accept the report and tell the organization's editors, in one transaction."""
    with transaction.atomic():
        report.accept(by=by)
        events.report_accepted(report)
    return report


def report_send_back(*, report, by, comment):
    """Send the report back and tell the organization's editors why, in one transaction."""
    with transaction.atomic():
        report.send_back(by=by, comment=comment)
        events.report_sent_back(report, comment)
    return report
