"""The plan's change history as sentences a person reads, built from django-simple-history's records.

One query per tracked model (plan, objectives, actions, indicators, measurements) and one for progress
updates, whatever the plan's size: consecutive records of the same row are compared in memory with
``diff_against``.
"""

import datetime
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from django.db.models import Count
from django.template.defaultfilters import truncatechars
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actionplans.models import (
    Action,
    ActionPlan,
    Evidence,
    Indicator,
    Measurement,
    Objective,
    PeriodReport,
    ProgressUpdate,
    ReportActionStatus,
    ReportValue,
)

TRACKED_FIELDS = {
    ActionPlan: ["title", "period_start", "period_end", "status", "statement_of_intent"],
    Objective: ["title", "content_area", "description"],
    Action: ["title", "description", "responsible", "start_date", "due_date", "status", "resources"],
    Indicator: [
        "name",
        "kind",
        "level",
        "unit",
        "baseline_value",
        "baseline_date",
        "target_value",
        "target_date",
        "data_source",
    ],
    Measurement: ["date", "value", "women", "total", "note"],
    PeriodReport: ["status", "achieved", "obstacles", "next_steps", "review_comment"],
    ReportValue: [
        "value",
        "women",
        "men",
        "not_stated",
        "age_under_30",
        "age_30_54",
        "age_55_over",
        "with_disability",
        "note",
    ],
    ReportActionStatus: ["status", "note"],
}
LONG_TEXT_FIELDS = {"statement_of_intent", "description", "achieved", "obstacles", "next_steps", "review_comment"}


def _number(value):
    """37.50 -> "37.5", 40.00 -> "40"."""
    return format(Decimal(value).normalize(), "f")


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    text: str


def _display(model, name, value):
    field = model._meta.get_field(name)
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        return _number(value)
    return truncatechars(str(value), 60)


def _describe_changes(model, new, old):
    delta = new.diff_against(old, included_fields=TRACKED_FIELDS[model])
    parts = []
    order = TRACKED_FIELDS[model]
    for change in sorted(delta.changes, key=lambda c: order.index(c.field)):
        label = str(model._meta.get_field(change.field).verbose_name)
        if change.field in LONG_TEXT_FIELDS:
            parts.append(_("%(field)s rewritten") % {"field": label})
        else:
            parts.append(
                f"{label}: {_display(model, change.field, change.old)} → {_display(model, change.field, change.new)}"
            )
    return "; ".join(parts)


def _who(record):
    return _who_user(record.history_user)


def _who_user(user):
    if user is None:
        return _("the system")
    return user.get_full_name() or user.get_username()


def _subject(model, record, indicator_names):
    if model is ActionPlan:
        return _("Plan")
    if model is Measurement:
        return _("Measurement of “%(indicator)s”") % {"indicator": indicator_names.get(record.indicator_id, "?")}
    name = record.name if model is Indicator else record.title
    return f"{str(model._meta.verbose_name).capitalize()} “{name}”"


def _entries_for(model, records, indicator_names, in_plan):
    """Sentences for one model's records, comparing each with the previous record of the same row.

    Only records made while the row belonged to the plan (``in_plan(record)``) are told: a row moved to
    another organization's plan takes what happens to it there with it.
    """
    by_row = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        by_row.setdefault(record.id, []).append(record)
    entries = []
    for rows in by_row.values():
        first = rows[0]
        if first.history_type == "+" and in_plan(first):
            if model is ActionPlan:
                text = _("Plan created")
            elif model is Measurement:
                text = _("%(subject)s recorded: %(value)s on %(date)s") % {
                    "subject": _subject(model, first, indicator_names),
                    "value": _number(first.value),
                    "date": date_format(first.date, "DATE_FORMAT"),
                }
            else:
                text = _("%(subject)s added") % {"subject": _subject(model, first, indicator_names)}
            entries.append(HistoryEntry(first.history_date, _who(first), text))
        for old, new in pairwise(rows):
            if not (in_plan(old) and in_plan(new)):
                continue
            subject = _subject(model, new, indicator_names)
            if new.history_type == "-":
                text = _("%(subject)s removed") % {"subject": subject}
            else:
                changes = _describe_changes(model, new, old)
                if not changes:
                    continue
                text = f"{subject} {changes}"
                if getattr(new, "history_change_reason", None):
                    text = _("%(change)s (reason: %(reason)s)") % {"change": text, "reason": new.history_change_reason}
            entries.append(HistoryEntry(new.history_date, _who(new), text))
    return entries


class _Timeline:
    """Where each row was at a given moment, from its history records (its parent's id then)."""

    def __init__(self, records, parent):
        self._rows = {}
        for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
            rows = self._rows.setdefault(record.id, ([], []))
            rows[0].append(record.history_date)
            rows[1].append(getattr(record, parent))

    def parent_at(self, row_id, when):
        """The parent of row `row_id` at `when`; before its first record (history written later, as the demo's
        backdated one), its first known parent."""
        if row_id not in self._rows:
            return None
        dates, parents = self._rows[row_id]
        return parents[max(bisect_right(dates, when) - 1, 0)]


def plan_history(plan, limit=100, *, periods=None):
    """The latest `limit` changes to the plan and everything in it, newest first.

    With ``periods`` (its reporting periods with their reports) the plan is taken as ``plan_for_page`` loaded it:
    its progress updates, evidence, objectives, actions and indicators are read from there, not again.
    """
    # Subqueries rather than lists of ids, so the number of queries is the same for every plan. Every record of
    # every row that was ever in the plan is read, then only those made while the row was in it are told.
    objective_ids = Objective.history.filter(plan_id=plan.pk).values("id")
    action_ids = Action.history.filter(objective_id__in=objective_ids).values("id")
    indicator_ids = Indicator.history.filter(objective_id__in=objective_ids).values("id")
    measurement_ids = Measurement.history.filter(indicator_id__in=indicator_ids).values("id")
    plan_records = ActionPlan.history.filter(id=plan.pk).select_related("history_user")
    objective_records = list(Objective.history.filter(id__in=objective_ids).select_related("history_user"))
    action_records = Action.history.filter(id__in=action_ids).select_related("history_user")
    indicator_records = list(Indicator.history.filter(id__in=indicator_ids).select_related("history_user"))
    measurement_records = Measurement.history.filter(id__in=measurement_ids).select_related("history_user")
    objectives = _Timeline(objective_records, "plan_id")
    indicators = _Timeline(indicator_records, "objective_id")

    def objective_in_plan(objective_id, when):
        return objectives.parent_at(objective_id, when) == plan.pk

    # An indicator is named as it was last called in this plan, not as another organization renamed it since.
    indicator_names = {
        r.id: r.name
        for r in sorted(indicator_records, key=lambda r: (r.history_date, r.history_id))
        if objective_in_plan(r.objective_id, r.history_date)
    }

    in_plan = {
        ActionPlan: lambda record: True,
        Objective: lambda record: record.plan_id == plan.pk,
        Action: lambda record: objective_in_plan(record.objective_id, record.history_date),
        Indicator: lambda record: objective_in_plan(record.objective_id, record.history_date),
        Measurement: lambda record: objective_in_plan(
            indicators.parent_at(record.indicator_id, record.history_date), record.history_date
        ),
    }
    entries = []
    for model, records in (
        (ActionPlan, plan_records),
        (Objective, objective_records),
        (Action, action_records),
        (Indicator, indicator_records),
        (Measurement, measurement_records),
    ):
        entries += _entries_for(model, records, indicator_names, in_plan[model])
    # Progress updates are not edited once written, so their own rows are their history.
    if periods is None:
        updates = ProgressUpdate.objects.filter(plan=plan).select_related("author").annotate(files=Count("evidence"))
        files_of = {update.pk: update.files for update in updates}
        names = {}
    else:
        updates = plan.progress_updates.all()
        files_of = {update.pk: len(update.evidence.all()) for update in updates}
        objectives = plan.objectives.all()
        names = {
            "number_of": {period.report.pk: period.number for period in periods if hasattr(period, "report")},
            "indicators": {i.pk: i.name for objective in objectives for i in objective.indicators.all()},
            "actions": {a.pk: a.title for objective in objectives for a in objective.actions.all()},
        }
    for update in updates:
        files = files_of[update.pk]
        text = ngettext(
            "Progress update of %(date)s added with %(files)d file",
            "Progress update of %(date)s added with %(files)d files",
            files,
        ) % {"date": date_format(update.date, "DATE_FORMAT"), "files": files}
        entries.append(HistoryEntry(update.created_at, _who_user(update.author), text))
    entries += _report_entries(plan_id=plan.pk, **names)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


def _report_entries(*, plan_id, report=None, rows=True, number_of=None, indicators=None, actions=None):
    """Sentences for every change to the plan's period reports (or one report): status, narrative, and with
    ``rows`` its values, action statuses and the files added.

    Four queries for the records and three for the names, whatever the number of reports; for one report
    without its rows, one. Names the caller already has ({report pk: period number}, {pk: name or title}) are
    not read again.
    """
    reports = PeriodReport.history.filter(period__plan_id=plan_id) if report is None else report.history.all()
    report_records = list(reports.select_related("history_user"))
    report_ids = {r.id for r in report_records}
    if not report_ids:
        return []
    if report is not None:
        number_of = {report.pk: report.period.number}
    elif number_of is None:
        number_of = dict(PeriodReport.objects.filter(pk__in=report_ids).values_list("pk", "period__number"))
    value_records = status_records = files = ()
    if rows:
        value_records = ReportValue.history.filter(report_id__in=report_ids).select_related("history_user")
        status_records = ReportActionStatus.history.filter(report_id__in=report_ids).select_related("history_user")
        # Files are only ever added to a report: each file's own row is its history.
        files = Evidence.objects.filter(report_id__in=report_ids).select_related("uploaded_by")
        if indicators is None:
            indicators = dict(Indicator.objects.filter(objective__plan_id=plan_id).values_list("pk", "name"))
        if actions is None:
            actions = dict(Action.objects.filter(objective__plan_id=plan_id).values_list("pk", "title"))
    indicators, actions = indicators or {}, actions or {}
    entries = []

    def subject(model, record):
        number = number_of.get(getattr(record, "report_id", record.id), "?")
        if model is PeriodReport:
            return _("Report for period %(n)s") % {"n": number}
        if model is ReportValue:
            return _("Value of “%(indicator)s” for period %(n)s") % {
                "indicator": indicators.get(record.indicator_id, "?"),
                "n": number,
            }
        return _("Status of “%(action)s” for period %(n)s") % {
            "action": actions.get(record.action_id, "?"),
            "n": number,
        }

    for model, records in (
        (PeriodReport, report_records),
        (ReportValue, value_records),
        (ReportActionStatus, status_records),
    ):
        by_row = {}
        for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
            by_row.setdefault(record.id, []).append(record)
        for rows in by_row.values():
            previous = None
            for record in rows:
                if previous is None:
                    if model is PeriodReport:
                        text = _("%(subject)s started") % {"subject": subject(model, record)}
                    elif model is ReportValue:
                        text = f"{subject(model, record)}: {_display(model, 'value', record.value)}"
                    else:
                        text = f"{subject(model, record)}: {_display(model, 'status', record.status)}"
                else:
                    changes = _describe_changes(model, record, previous)
                    if not changes:
                        previous = record
                        continue
                    text = f"{subject(model, record)} · {changes}"
                if record.history_change_reason:
                    text = f"{text} ({_('reason')}: {record.history_change_reason})"
                entries.append(HistoryEntry(record.history_date, _who(record), text))
                previous = record
    for evidence in files:
        text = _("%(subject)s · file “%(name)s” added") % {
            "subject": _("Report for period %(n)s") % {"n": number_of.get(evidence.report_id, "?")},
            "name": evidence.original_name,
        }
        entries.append(HistoryEntry(evidence.uploaded_at, _who_user(evidence.uploaded_by), text))
    return entries


def report_trail(report):
    """The report's own steps, newest first, in one query: started, narrative rewritten, submitted, sent back,
    accepted, reopened (with the comment or reason). The report page shows it; each value's and action status's
    change is in the plan's history (plan_history)."""
    entries = _report_entries(plan_id=report.period.plan_id, report=report, rows=False)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
