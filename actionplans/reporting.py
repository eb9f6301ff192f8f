"""Reporting periods: laying out a plan's schedule, writing a period report, and who has reported.

Services take keyword-only arguments and hold the rules, so the pages, the API and the notifications use the
same ones: report transitions are PeriodReport methods (submit, accept, send_back, reopen); the rules of a
value are ReportValue.clean().
"""

from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actionplans.models import (
    Action,
    ActionPlan,
    Indicator,
    PeriodReport,
    PeriodState,
    PeriodTarget,
    ReportActionStatus,
    ReportingPeriod,
    ReportingSchedule,
    ReportValue,
    ReportWorkflowError,
    StaleReportError,
)
from actionplans.periods import DEFAULT_DUE_DAYS
from actionplans.services import evidence_store


def schedule_apply(*, plan, frequency, by, due_days=DEFAULT_DUE_DAYS, custom_ends=()):
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


def plan_approve(*, plan, by, comment="", frequency="half_yearly", due_days=DEFAULT_DUE_DAYS, custom_ends=()):
    """Approve a submitted plan and lay out its reporting periods, both or neither."""
    with transaction.atomic():
        plan.approve(by=by, comment=comment)
        schedule_apply(plan=plan, frequency=frequency, due_days=due_days, custom_ends=custom_ends, by=by)
    return plan


def period_due_set(*, period, due, by):
    """Move one period's due date (not before the period ends; not once its report was submitted)."""
    if due < period.end:
        raise ValidationError({"due": _("The due date cannot be before the period ends.")})
    period.due = due
    period._history_user = by
    period.save(update_fields=["due"])
    return period


def period_for_user(*, user, plan_pk, number):
    """One period of a plan this user may see, with its report; 404 otherwise."""
    return get_object_or_404(
        ReportingPeriod.objects.for_user(user).select_related("plan__organization", "report__reviewed_by"),
        plan_id=plan_pk,
        number=number,
    )


def plan_indicators(plan):
    """The plan's indicators in page order (one query)."""
    return list(
        Indicator.objects.filter(objective__plan=plan)
        .select_related("objective")
        .order_by("objective__order", "objective_id", "order", "pk")
    )


def plan_actions(plan):
    """The plan's actions in page order (one query)."""
    return list(
        Action.objects.filter(objective__plan=plan)
        .select_related("objective")
        .order_by("objective__order", "objective_id", "order", "pk")
    )


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
            evidence_store_for_report(report=report, upload=upload, content_type=content_type)
    return report


def evidence_store_for_report(*, report, upload, content_type):
    """Keep an uploaded file of a period report under a random name (the rules of evidence_store)."""
    return evidence_store(update=None, upload=upload, content_type=content_type, report=report)


def report_for_page(*, period):
    """The period's report with its values, statuses and files (three queries), or None before the first save."""
    report = (
        PeriodReport.objects.filter(period=period)
        .select_related("submitted_by", "reviewed_by")
        .prefetch_related("values", "action_statuses", "evidence")
        .first()
    )
    if report is not None:
        report.period = period  # already loaded with its plan: no second query for it
    return report


@dataclass
class ReportingRow:
    organization: object
    plan: object
    cells: list = field(default_factory=list)


def periods_overview(*, user, year=None, session=None, region=None, kind=None, state=None, today=None):
    """Who has reported: a row per plan with its periods in the year, counts per state and the on-time rate.

    Two queries whatever the number of organizations and periods (periods with plan, organization and report).
    """
    today = today or timezone.localdate()
    periods = ReportingPeriod.objects.for_user(user).select_related("plan__organization", "report")
    if year:
        periods = periods.filter(end__year=year)
    if session:
        periods = periods.filter(plan__source_session=session)
    if region:
        periods = periods.filter(plan__organization__region=region)
    if kind:
        periods = periods.filter(plan__organization__kind=kind)
    periods = periods.order_by("plan__organization__name", "plan_id", "start")
    rows = OrderedDict()
    counts = Counter()
    on_time = late = 0
    for period in periods:
        period_state = period.state(today)
        if state and period_state != state:
            continue
        counts[period_state] += 1
        punctual = period.was_on_time()
        if punctual is True:
            on_time += 1
        elif punctual is False or period_state == PeriodState.OVERDUE:
            late += 1
        row = rows.get(period.plan_id)
        if row is None:
            row = rows[period.plan_id] = ReportingRow(organization=period.plan.organization, plan=period.plan)
        row.cells.append((period, period_state))
    width = max((len(r.cells) for r in rows.values()), default=0)
    for row in rows.values():
        row.cells += [None] * (width - len(row.cells))
    rate = round(100 * on_time / (on_time + late)) if on_time + late else None
    states = [(s, s.label, counts.get(s, 0)) for s in PeriodState]
    return {
        "rows": list(rows.values()),
        "width": width,
        "width_range": range(1, width + 1),
        "counts": states,
        "on_time_rate": rate,
    }


WAITING_STATES = (PeriodState.OPEN, PeriodState.DUE_SOON, PeriodState.OVERDUE, PeriodState.RETURNED)


def period_to_report(periods, today=None):
    """Of a plan's periods (with their reports), the one the partner should report on now, or None.

    The earliest period that has started and whose report is still to be written or was sent back.
    """
    today = today or timezone.localdate()
    for period in sorted(periods, key=lambda p: p.start):
        if period.state(today) in WAITING_STATES:
            return period
    return None


def periods_for_partner(*, user, today=None):
    """A partner's periods that need something (open, due soon, overdue, sent back), soonest due first.

    Each period gets ``state`` and ``missing`` (how many of the plan's indicators have no value yet). Three
    queries whatever the number of plans and periods.
    """
    today = today or timezone.localdate()
    periods = [
        p
        for p in ReportingPeriod.objects.for_user(user)
        .filter(plan__status=ActionPlan.Status.APPROVED, start__lte=today)
        .select_related("plan__organization", "report")
        .order_by("due", "plan_id")
        if p.state(today) in WAITING_STATES
    ]
    plan_ids = {p.plan_id for p in periods}
    indicators = Counter(
        Indicator.objects.filter(objective__plan_id__in=plan_ids).values_list("objective__plan_id", flat=True)
    )
    report_ids = [p.report.pk for p in periods if p.existing_report is not None]
    given = Counter(
        ReportValue.objects.filter(report_id__in=report_ids, value__isnull=False).values_list("report_id", flat=True)
    )
    for period in periods:
        period.current_state = period.state(today)
        report = period.existing_report
        period.missing = indicators[period.plan_id] - (given[report.pk] if report else 0)
    return periods


@dataclass
class PeriodPoint:
    period: object
    target: object
    value: object  # the ReportValue, or None
    accepted: bool
    bar: str = ""  # SVG geometry, strings with a dot decimal
    bar_y: str = ""
    target_y: str = ""
    x: str = ""
    width: str = ""


@dataclass
class IndicatorSeries:
    """An indicator's values against its targets period by period, with the accepted total to date."""

    indicator: object
    points: list
    accepted_total: object = None
    height: int = 90


def _pct(value):
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def indicator_series_attach(*, plan, periods):
    """Give each indicator of the plan (as prefetched on it) a ``period_series``: two queries, none without periods.

    Only accepted values count in the total; a submitted value is shown apart (lighter) and a draft not at all.
    """
    indicators = [i for o in plan.objectives.all() for i in o.indicators.all()]
    if not periods:
        for indicator in indicators:
            indicator.period_series = None
        return
    targets = {(t.indicator_id, t.period_id): t.value for t in PeriodTarget.objects.filter(period__plan=plan)}
    values = {
        (v.indicator_id, v.report.period_id): v
        for v in ReportValue.objects.filter(report__period__plan=plan)
        .exclude(report__status=PeriodReport.Status.DRAFT)
        .select_related("report")
    }
    for indicator in indicators:
        points = []
        for period in periods:
            row = values.get((indicator.pk, period.pk))
            accepted = row is not None and row.report.status == PeriodReport.Status.ACCEPTED
            points.append(PeriodPoint(period, targets.get((indicator.pk, period.pk)), row, accepted))
        accepted_values = [p.value.value for p in points if p.accepted and p.value.value is not None]
        if not accepted_values:
            total = None
        elif indicator.aggregation == Indicator.Aggregation.SUM:
            total = sum(accepted_values)
        else:
            total = accepted_values[-1]
        series = IndicatorSeries(indicator, points, total)
        numbers = [p.value.value for p in points if p.value and p.value.value is not None]
        numbers += [p.target for p in points if p.target is not None]
        top = float(max(numbers, default=0)) or 1.0
        slot = 100 / len(points)
        for index, point in enumerate(points):
            point.x = _pct(index * slot + slot * 0.2)
            point.width = _pct(slot * 0.6)
            number = float(point.value.value) if point.value and point.value.value is not None else 0.0
            height = (series.height - 10) * number / top
            point.bar = f"{height:.1f}"
            point.bar_y = f"{series.height - height:.1f}"
            if point.target is not None:
                point.target_y = f"{series.height - (series.height - 10) * float(point.target) / top:.1f}"
        indicator.period_series = series


class IndicatorPeriodsReport:
    """Report: one row per indicator and reporting period: target, accepted value with its parts, status.

    Only accepted values fill the value columns; a submitted one is shown apart ("submitted, not accepted").
    Four queries whatever the size: periods (with plan, organization, report), indicators, targets, values.
    """

    report_name = "indicator-periods"

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
                _("Not stated"), _("Submitted, not accepted"),
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
